/** The attachment API: uploading a file for a field, and reading back one's own upload before it is saved. */
package io.tollgate.engine.attachment.web;
