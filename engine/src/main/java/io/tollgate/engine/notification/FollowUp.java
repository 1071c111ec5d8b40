package io.tollgate.engine.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A notice that falls due later: a reminder before a stage's due date, or the escalation of a stage
 * still overdue. Its id is derived from what it follows up, so recording it twice changes nothing.
 */
@Entity
@Table(name = "notice_follow_up")
public class FollowUp {

    public enum Status { PENDING, DONE }

    @Id
    private String id;
    private String workspaceId;
    private String kind;
    private String projectId;
    private String stageKey;
    @Column(name = "round_no")
    private int round;
    private Instant dueAt;
    private String status;
    @Version
    private Long rowVersion;

    protected FollowUp() {
    }

    public FollowUp(String id, String workspaceId, NoticeKind kind, String projectId, String stageKey, int round,
                    Instant dueAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.kind = kind.key();
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.round = round;
        this.dueAt = dueAt;
        this.status = Status.PENDING.name();
    }

    public void done() {
        if (Status.valueOf(status) == Status.DONE) {
            throw new IllegalStateException("Follow-up " + id + " is done already");
        }
        status = Status.DONE.name();
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public NoticeKind kind() { return NoticeKind.of(kind).orElseThrow(); }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public int round() { return round; }
    public Instant dueAt() { return dueAt; }
}
