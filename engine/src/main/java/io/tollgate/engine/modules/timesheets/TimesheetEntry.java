package io.tollgate.engine.modules.timesheets;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Hours one person worked on one day on a stage (and optionally one of its tasks) of a project. */
@Entity
@Table(name = "timesheet_entry")
public class TimesheetEntry {

    @Id
    private String id;
    private String projectId;
    private String username;
    private LocalDate workDate;
    private LocalDate weekStart;
    private String stageKey;
    private String taskKey;
    private BigDecimal hours;
    private String note;
    private Instant createdAt;
    @Version
    private long rowVersion;

    protected TimesheetEntry() {
    }

    TimesheetEntry(String id, String projectId, String username, LocalDate workDate, String stageKey, String taskKey,
                   BigDecimal hours, String note, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.username = username;
        this.workDate = workDate;
        this.weekStart = Timesheets.weekOf(workDate);
        this.stageKey = stageKey;
        this.taskKey = taskKey;
        this.hours = hours;
        this.note = note;
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String username() { return username; }
    public LocalDate workDate() { return workDate; }
    public LocalDate weekStart() { return weekStart; }
    public String stageKey() { return stageKey; }
    public String taskKey() { return taskKey; }
    public BigDecimal hours() { return hours; }
    public String note() { return note; }
    public Instant createdAt() { return createdAt; }
}
