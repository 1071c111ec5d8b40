package io.tollgate.engine.retrospective;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A completed project's retrospective: what went well, what to improve, a note per stage. */
@Entity
@Table(name = "retrospective")
public class Retrospective {

    @Id
    private String id;
    private String workspaceId;
    private String projectId;
    private String projectName;
    private String templateKey;
    private String wentWell;
    private String toImprove;
    private String stageNotesJson;
    private String searchText;
    private String recordedBy;
    private Instant recordedAt;
    private String updatedBy;
    private Instant updatedAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected Retrospective() {
    }

    Retrospective(String id, String workspaceId, String projectId, String projectName, String templateKey,
                  String by, Instant at) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.projectName = projectName;
        this.templateKey = templateKey;
        this.recordedBy = by;
        this.recordedAt = at;
    }

    /** Writes what the manager says now, in place of what was there. */
    void record(String wentWell, String toImprove, String stageNotesJson, String searchText, String by, Instant at) {
        this.wentWell = wentWell;
        this.toImprove = toImprove;
        this.stageNotesJson = stageNotesJson;
        this.searchText = searchText;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String projectId() { return projectId; }
    public String projectName() { return projectName; }
    public String templateKey() { return templateKey; }
    public String wentWell() { return wentWell; }
    public String toImprove() { return toImprove; }
    public String stageNotesJson() { return stageNotesJson; }
    public String recordedBy() { return recordedBy; }
    public Instant recordedAt() { return recordedAt; }
    public String updatedBy() { return updatedBy; }
    public Instant updatedAt() { return updatedAt; }
}
