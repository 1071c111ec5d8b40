/**
 * Discussion: comments on a project or on one of its tasks, with mentions of people of the workspace.
 * Publishes {@link io.tollgate.engine.comment.CommentEvents}.
 */
package io.tollgate.engine.comment;
