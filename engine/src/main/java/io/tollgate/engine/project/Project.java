package io.tollgate.engine.project;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.tollgate.engine.support.Problems;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/** A running (or finished) instance of a template version. Field values and role assignments are JSON. */
@Entity
@Table(name = "project")
public class Project {

    public enum Status { ACTIVE, ON_HOLD, COMPLETED, CANCELLED }

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
    private Instant heldAt;
    private String heldStage;
    private String heldBy;
    /** user:name and group:name principals that take part: role holders, assignees, approvers, the creator. */
    @ElementCollection
    @CollectionTable(name = "project_participant", joinColumns = @JoinColumn(name = "project_id"))
    @Column(name = "principal")
    private Set<String> participants = new LinkedHashSet<>();
    @Version
    private Long rowVersion;

    protected Project() {
    }

    Project(String id, String workspaceId, String name, String templateKey, int templateVersion,
            Map<String, Object> fields, Map<String, List<String>> roles, Instant createdAt, String createdBy) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.name = name;
        this.templateKey = templateKey;
        this.templateVersion = templateVersion;
        this.status = Status.ACTIVE;
        this.fieldsJson = FieldJson.write(fields);
        this.rolesJson = FieldJson.write(roles);
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    /** A project that ran to its end in an earlier tool, kept as it ended: completed or cancelled. */
    static Project imported(String id, String workspaceId, String name, String templateKey, int templateVersion,
                            Map<String, Object> fields, Map<String, List<String>> roles, Instant createdAt,
                            String createdBy, Status status, Instant endedAt, String cancelReason) {
        Project p = new Project(id, workspaceId, name, templateKey, templateVersion, fields, roles, createdAt, createdBy);
        p.status = status;
        p.completedAt = endedAt;
        p.cancelReason = cancelReason;
        return p;
    }

    /** The process reached its end. */
    void complete(Instant at) {
        assertActive();
        status = Status.COMPLETED;
        completedAt = at;
    }

    void cancel(String reason, Instant at) {
        if (status != Status.ON_HOLD) {
            assertActive();
        }
        status = Status.CANCELLED;
        cancelReason = reason;
        completedAt = at;
    }

    /** An approver put the project on hold at a stage's gate: nothing moves until it is resumed. */
    void hold(String stageKey, String by, Instant at) {
        assertActive();
        status = Status.ON_HOLD;
        heldAt = at;
        heldStage = stageKey;
        heldBy = by;
    }

    /** The project goes on; answers how long it was held. */
    java.time.Duration resume(Instant at) {
        if (status != Status.ON_HOLD) {
            throw Problems.conflict("project-not-on-hold", "The project is " + status.name().toLowerCase(Locale.ROOT)
                    + ", not on hold.");
        }
        java.time.Duration held = heldAt.isAfter(at) ? java.time.Duration.ZERO : java.time.Duration.between(heldAt, at);
        status = Status.ACTIVE;
        heldAt = null;
        heldStage = null;
        heldBy = null;
        return held;
    }

    /** The project now follows another version of its template. */
    void adoptVersion(int version) {
        this.templateVersion = version;
    }

    void updateFields(Map<String, Object> fields) {
        this.fieldsJson = FieldJson.write(fields);
    }

    /** Someone else takes part from now on: a delegate, an added signer. */
    void addParticipants(Collection<String> principals) {
        participants.addAll(principals);
    }

    /** Whether one of these principals takes part. */
    public boolean takesPart(Set<String> principals) {
        return participants.stream().anyMatch(principals::contains);
    }

    /** Refuses any change to a project that is no longer running. */
    public void assertActive() {
        if (status == Status.ON_HOLD) {
            throw Problems.conflict("project-on-hold", "The project is on hold since " + heldAt + " (by " + heldBy
                    + " at the gate of '" + heldStage + "'); nothing can be completed or decided until it is resumed.");
        }
        if (status != Status.ACTIVE) {
            throw Problems.conflict("project-not-active", "The project is " + status.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    /** The stored field values, decimals as BigDecimal. */
    public Map<String, Object> fields() {
        return FieldJson.fields(fieldsJson);
    }

    /** Who plays each role. */
    public Map<String, List<String>> roles() {
        return FieldJson.roles(rolesJson);
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
    public Instant heldAt() { return heldAt; }
    public String heldStage() { return heldStage; }
    public String heldBy() { return heldBy; }
}
