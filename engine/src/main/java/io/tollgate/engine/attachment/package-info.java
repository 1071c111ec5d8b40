/**
 * Attachments: files people upload, checked against a size limit and a list of allowed types whose
 * content must match, kept in an {@link io.tollgate.engine.attachment.AttachmentStorage} (local disk by
 * default) and served only as downloads, never rendered inline.
 */
package io.tollgate.engine.attachment;
