package io.tollgate.engine.notification;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;

/**
 * One message to send: a notice to one channel target (an email recipient, a webhook). Its id is the
 * delivery id every attempt carries, so a receiver can tell a repeat. Once sent, it is never sent again.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    public enum Status { PENDING, SENDING, SENT, DEAD }

    @Id
    private String id;
    private String noticeId;
    private String workspaceId;
    private String channel;
    private String target;
    private String status;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant claimedUntil;
    private String lastError;
    private Instant sentAt;
    private Instant createdAt;
    @Version
    private Long rowVersion;

    protected Delivery() {
    }

    public Delivery(String id, Notice notice, String channel, String target, Instant at) {
        this.id = id;
        this.noticeId = notice.id();
        this.workspaceId = notice.workspaceId();
        this.channel = channel;
        this.target = target;
        this.status = Status.PENDING.name();
        this.nextAttemptAt = at;
        this.createdAt = at;
    }

    /** Whether a worker may take it now: pending and due, or taken by a worker that did not finish in time. */
    public boolean due(Instant now) {
        return switch (status()) {
            case PENDING -> !nextAttemptAt.isAfter(now);
            case SENDING -> claimedUntil != null && claimedUntil.isBefore(now);
            default -> false;
        };
    }

    /** A worker takes it for one attempt, until {@code until}. */
    public void claim(Instant now, Instant until) {
        if (!due(now)) {
            throw new IllegalStateException("Delivery " + id + " is not due");
        }
        status = Status.SENDING.name();
        attempts++;
        claimedUntil = until;
    }

    public void sent(Instant at) {
        if (status() == Status.SENT) {
            throw new IllegalStateException("Delivery " + id + " was sent already");
        }
        status = Status.SENT.name();
        sentAt = at;
        claimedUntil = null;
        lastError = null;
    }

    /** The attempt failed: try again after {@code wait}, or give up after {@code maxAttempts}. */
    public void failed(String error, Instant now, Duration wait, int maxAttempts) {
        if (status() == Status.SENT) {
            throw new IllegalStateException("Delivery " + id + " was sent already");
        }
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        claimedUntil = null;
        if (attempts >= maxAttempts) {
            status = Status.DEAD.name();
        } else {
            status = Status.PENDING.name();
            nextAttemptAt = now.plus(wait);
        }
    }

    /** Not now: the target's rate limit is reached; no attempt is counted. */
    public void postpone(Instant now, Instant until) {
        if (!due(now)) {
            throw new IllegalStateException("Delivery " + id + " is not due");
        }
        status = Status.PENDING.name();
        claimedUntil = null;
        nextAttemptAt = until;
    }

    /** An admin sends a dead delivery again, with a fresh count of attempts. */
    public void retry(Instant now) {
        if (status() != Status.DEAD) {
            throw new IllegalStateException("Only a dead delivery is retried");
        }
        status = Status.PENDING.name();
        attempts = 0;
        nextAttemptAt = now;
    }

    public String id() { return id; }
    public String noticeId() { return noticeId; }
    public String workspaceId() { return workspaceId; }
    public String channel() { return channel; }
    public String target() { return target; }
    public Status status() { return Status.valueOf(status); }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public Instant sentAt() { return sentAt; }
    public Instant createdAt() { return createdAt; }
}
