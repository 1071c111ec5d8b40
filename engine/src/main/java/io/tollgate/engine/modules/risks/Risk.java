package io.tollgate.engine.modules.risks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** One risk of a project. Its score is probability times impact, each from 1 to 5. */
@Entity
@Table(name = "risk")
public class Risk {

    public enum Status { OPEN, MITIGATED, CLOSED }

    @Id
    private String id;
    private String projectId;
    private String title;
    private int probability;
    private int impact;
    @Column(name = "owner_name")
    private String owner;
    private String mitigation;
    @Enumerated(EnumType.STRING)
    private Status status;
    private LocalDate reviewOn;
    private Instant createdAt;
    private String createdBy;
    @Version
    private long rowVersion;

    protected Risk() {
    }

    Risk(String id, String projectId, String title, int probability, int impact, String owner, String mitigation,
         LocalDate reviewOn, Instant createdAt, String createdBy) {
        this.id = id;
        this.projectId = projectId;
        this.title = title;
        this.probability = probability;
        this.impact = impact;
        this.owner = owner;
        this.mitigation = mitigation;
        this.reviewOn = reviewOn;
        this.status = Status.OPEN;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    /** A new assessment of an open risk. */
    void reassess(int probability, int impact, String owner, String mitigation, LocalDate reviewOn) {
        if (status == Status.CLOSED) {
            throw new IllegalStateException("Risk " + id + " is closed");
        }
        this.probability = probability;
        this.impact = impact;
        this.owner = owner;
        this.mitigation = mitigation;
        this.reviewOn = reviewOn;
    }

    void moveTo(Status next) {
        if (status == Status.CLOSED) {
            throw new IllegalStateException("Risk " + id + " is closed");
        }
        status = next;
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String title() { return title; }
    public int probability() { return probability; }
    public int impact() { return impact; }
    public String owner() { return owner; }
    public String mitigation() { return mitigation; }
    public Status status() { return status; }
    public LocalDate reviewOn() { return reviewOn; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }

    public int score() {
        return probability * impact;
    }

    /** High from 15 (e.g. likely and severe), medium from 8, low below. */
    public String level() {
        return score() >= 15 ? "high" : score() >= 8 ? "medium" : "low";
    }
}
