package io.tollgate.engine.template;

import io.tollgate.engine.support.Problems;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A previewed task-list import, kept for a short while until the user who uploaded it confirms it:
 * the rows read from the file, and what they are for (a draft template or a running project).
 */
@Entity
@Table(name = "task_import")
public class TaskImport {

    /** What an import creates. */
    public enum Kind { TEMPLATE, PROJECT }

    @Id
    private String id;
    private String workspaceId;
    @Column(name = "target_kind")
    private String kind;
    private String target;
    private String name;
    @Column(name = "rows_json")
    private String rowsJson;
    private String createdBy;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant confirmedAt;
    @Version
    private long rowVersion;

    protected TaskImport() {
    }

    TaskImport(String id, String workspaceId, Kind kind, String target, String name, String rowsJson, String createdBy,
               Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.target = target;
        this.name = name;
        this.rowsJson = rowsJson;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Marks it confirmed; a preview is confirmed once, and not after it expired. */
    void confirm(Instant at) {
        if (confirmedAt != null) {
            throw Problems.conflict("import-confirmed", "This import was confirmed already at " + confirmedAt + ".");
        }
        if (!at.isBefore(expiresAt)) {
            throw Problems.conflict("import-expired", "This preview expired at " + expiresAt + "; upload the file again.");
        }
        confirmedAt = at;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public Kind kind() { return Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)); }
    public String target() { return target; }
    public String name() { return name; }
    String rowsJson() { return rowsJson; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant confirmedAt() { return confirmedAt; }
}
