package io.tollgate.engine.gate;

import io.tollgate.engine.support.Problems;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Locale;

/**
 * A project manager's request to count one criterion of a gate as met until a date. An approver of
 * that gate grants or refuses it; a granted waiver counts until it expires, then the criterion is
 * judged on its own again.
 */
@Entity
@Table(name = "gate_waiver")
public class GateWaiver {

    public enum Status { REQUESTED, GRANTED, REFUSED }

    @Id
    private String id;
    private String projectId;
    private String stageKey;
    private String criterion;
    private String reason;
    private Instant expiresAt;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String requestedBy;
    private Instant requestedAt;
    private String decidedBy;
    private Instant decidedAt;
    @Column(name = "comment_text")
    private String comment;
    @Version
    private Long rowVersion;

    protected GateWaiver() {
    }

    GateWaiver(String id, String projectId, String stageKey, String criterion, String reason, Instant expiresAt,
               String requestedBy, Instant requestedAt) {
        this.id = id;
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.criterion = criterion;
        this.reason = reason;
        this.expiresAt = expiresAt;
        this.status = Status.REQUESTED;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    void decide(boolean grant, String by, String comment, Instant at) {
        if (status != Status.REQUESTED) {
            throw Problems.conflict("waiver-decided", "This waiver was " + status.name().toLowerCase(Locale.ROOT)
                    + " already, by " + decidedBy + ".");
        }
        status = grant ? Status.GRANTED : Status.REFUSED;
        decidedBy = by;
        decidedAt = at;
        this.comment = comment;
    }

    /** Granted and not expired: the criterion counts as met. */
    public boolean inForceAt(Instant now) {
        return status == Status.GRANTED && now.isBefore(expiresAt);
    }

    /** requested, granted, refused, or lapsed once a granted waiver expired. */
    public String statusAt(Instant now) {
        if (status == Status.GRANTED && !now.isBefore(expiresAt)) {
            return "lapsed";
        }
        return status.name().toLowerCase(Locale.ROOT);
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public String criterion() { return criterion; }
    public String reason() { return reason; }
    public Instant expiresAt() { return expiresAt; }
    public Status status() { return status; }
    public String requestedBy() { return requestedBy; }
    public Instant requestedAt() { return requestedAt; }
    public String decidedBy() { return decidedBy; }
    public Instant decidedAt() { return decidedAt; }
    public String comment() { return comment; }
}
