package io.tollgate.engine.project;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A running (or finished) instance of a template version. Field values and role assignments are JSON. */
@Entity
@Table(name = "project")
public class Project {

    public enum Status { ACTIVE, COMPLETED, CANCELLED }

    @Id
    private String id;
    private String workspaceId;
    private String name;
    private String templateKey;
    private int templateVersion;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    private String fieldsJson;
    private String rolesJson;
    private Instant createdAt;
    private String createdBy;
    private Instant completedAt;
    private String cancelReason;
    @Version
    private long rowVersion;

    protected Project() {
    }

    Project(String id, String workspaceId, String name, String templateKey, int templateVersion, String fieldsJson,
            String rolesJson, Instant createdAt, String createdBy) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.name = name;
        this.templateKey = templateKey;
        this.templateVersion = templateVersion;
        this.status = Status.ACTIVE;
        this.fieldsJson = fieldsJson;
        this.rolesJson = rolesJson;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    void complete(Instant at) {
        if (status == Status.ACTIVE) {
            status = Status.COMPLETED;
            completedAt = at;
        }
    }

    void cancel(String reason, Instant at) {
        if (status != Status.ACTIVE) {
            throw new IllegalStateException("Project " + id + " is " + status);
        }
        status = Status.CANCELLED;
        cancelReason = reason;
        completedAt = at;
    }

    /** The project now follows another version of its template. */
    void adoptVersion(int version) {
        this.templateVersion = version;
    }

    void updateFields(String json) {
        this.fieldsJson = json;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String name() { return name; }
    public String templateKey() { return templateKey; }
    public int templateVersion() { return templateVersion; }
    public Status status() { return status; }
    public String fieldsJson() { return fieldsJson; }
    public String rolesJson() { return rolesJson; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant completedAt() { return completedAt; }
    public String cancelReason() { return cancelReason; }
    public boolean active() { return status == Status.ACTIVE; }
}
