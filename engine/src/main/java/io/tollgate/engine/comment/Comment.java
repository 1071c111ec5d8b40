package io.tollgate.engine.comment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One comment; comments are written once and never changed. */
@Entity
@Table(name = "project_comment")
public class Comment {

    @Id
    private String id;
    private String workspaceId;
    private String projectId;
    private String taskId;
    private String author;
    private String body;
    @Column(name = "mentions")
    private String mentionList;
    private Instant createdAt;

    protected Comment() {
    }

    Comment(String id, String workspaceId, String projectId, String taskId, String author, String body,
            List<String> mentions, Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.taskId = taskId;
        this.author = author;
        this.body = body;
        this.mentionList = String.join(",", mentions);
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String projectId() { return projectId; }
    public String taskId() { return taskId; }
    public String author() { return author; }
    public String body() { return body; }
    public Instant createdAt() { return createdAt; }

    public List<String> mentions() {
        return mentionList == null || mentionList.isEmpty() ? List.of() : Arrays.asList(mentionList.split(","));
    }
}
