/** Storage of comments; no other feature reaches it. */
package io.tollgate.engine.comment.internal;
