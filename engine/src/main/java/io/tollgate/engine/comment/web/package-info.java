/** The comments API: {@code GET/POST /api/projects/{id}/comments}. */
package io.tollgate.engine.comment.web;
