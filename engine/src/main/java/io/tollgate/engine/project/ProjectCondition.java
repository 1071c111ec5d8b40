package io.tollgate.engine.project;

import io.tollgate.engine.support.Problems;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A condition of a conditional go: what must be done, by whom and by when. It stays open until its
 * owner or a project manager marks it met; past its due date and still open, it has lapsed.
 */
@Entity
@Table(name = "project_condition")
public class ProjectCondition {

    @Id
    private String id;
    private String projectId;
    private String stageKey;
    @Column(name = "text_value")
    private String text;
    private String owner;
    private Instant dueAt;
    private String createdBy;
    private Instant createdAt;
    private Instant metAt;
    private String metBy;
    @Version
    private Long rowVersion;

    protected ProjectCondition() {
    }

    ProjectCondition(String id, String projectId, String stageKey, String text, String owner, Instant dueAt,
                     String createdBy, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.text = text;
        this.owner = owner;
        this.dueAt = dueAt;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void meet(String by, Instant at) {
        if (metAt != null) {
            throw Problems.conflict("condition-met", "This condition was met already, by " + metBy + " at " + metAt + ".");
        }
        metAt = at;
        metBy = by;
    }

    /** Open and past its due date. */
    public boolean lapsedAt(Instant now) {
        return metAt == null && now.isAfter(dueAt);
    }

    /** open, met or lapsed. */
    public String status(Instant now) {
        return metAt != null ? "met" : lapsedAt(now) ? "lapsed" : "open";
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public String text() { return text; }
    public String owner() { return owner; }
    public Instant dueAt() { return dueAt; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant metAt() { return metAt; }
    public String metBy() { return metBy; }
}
