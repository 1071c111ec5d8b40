package io.tollgate.engine.modules.timesheets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** One person's week of a project once it was submitted: submitted, approved or returned by the PM. */
@Entity
@Table(name = "timesheet_week")
public class TimesheetWeek {

    public enum Status { DRAFT, SUBMITTED, APPROVED, RETURNED }

    @Id
    private String id;
    private String projectId;
    private String username;
    private LocalDate weekStart;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant submittedAt;
    private String decidedBy;
    private Instant decidedAt;
    @Column(name = "comment_text")
    private String comment;
    @Version
    private long rowVersion;

    protected TimesheetWeek() {
    }

    TimesheetWeek(String id, String projectId, String username, LocalDate weekStart) {
        this.id = id;
        this.projectId = projectId;
        this.username = username;
        this.weekStart = weekStart;
        this.status = Status.DRAFT;
    }

    void submit(Instant at) {
        status = Status.SUBMITTED;
        submittedAt = at;
        decidedBy = null;
        decidedAt = null;
        comment = null;
    }

    void decide(boolean approved, String by, String comment, Instant at) {
        status = approved ? Status.APPROVED : Status.RETURNED;
        decidedBy = by;
        decidedAt = at;
        this.comment = comment;
    }

    /** Entries can change while the week is a draft or was returned. */
    boolean open() {
        return status == Status.DRAFT || status == Status.RETURNED;
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String username() { return username; }
    public LocalDate weekStart() { return weekStart; }
    public Status status() { return status; }
    public Instant submittedAt() { return submittedAt; }
    public String decidedBy() { return decidedBy; }
    public Instant decidedAt() { return decidedAt; }
    public String comment() { return comment; }
}
