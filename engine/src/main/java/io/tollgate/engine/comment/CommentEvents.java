package io.tollgate.engine.comment;

import java.time.Instant;
import java.util.List;

/** What happened in a project's discussion. */
public final class CommentEvents {
    private CommentEvents() {
    }

    /** Someone wrote a comment on a project, or on one of its tasks ({@code taskId}), mentioning some people. */
    public record CommentPosted(String workspaceId, String projectId, String commentId, String taskId, String author,
                                List<String> mentions, String excerpt, Instant at) {
    }
}
