package io.tollgate.engine.work;

/**
 * The short answer to a command on a task or an approval, for a client that sent {@code Prefer:
 * return=minimal}: the item's state after the command and its project's status.
 */
public record WorkAnswer(String id, String kind, String status, String projectId, String projectStatus) {
}
