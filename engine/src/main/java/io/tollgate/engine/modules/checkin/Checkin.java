package io.tollgate.engine.modules.checkin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** One person's check-in on a project for a day; checking in again the same day updates it. */
@Entity
@Table(name = "checkin")
public class Checkin {

    @Id
    private String id;
    private String projectId;
    private String username;
    @Column(name = "check_day")
    private LocalDate day;
    private String note;
    private String attachmentId;
    private Instant checkedInAt;
    @Version
    private long rowVersion;

    protected Checkin() {
    }

    Checkin(String id, String projectId, String username, LocalDate day) {
        this.id = id;
        this.projectId = projectId;
        this.username = username;
        this.day = day;
    }

    void record(String note, String attachmentId, Instant at) {
        this.note = note;
        if (attachmentId != null) {
            this.attachmentId = attachmentId;
        }
        this.checkedInAt = at;
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String username() { return username; }
    public LocalDate day() { return day; }
    public String note() { return note; }
    public String attachmentId() { return attachmentId; }
    public Instant checkedInAt() { return checkedInAt; }
}
