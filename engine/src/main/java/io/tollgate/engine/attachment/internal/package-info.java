/** Persistence of attachment records. */
package io.tollgate.engine.attachment.internal;
