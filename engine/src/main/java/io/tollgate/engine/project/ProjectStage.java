package io.tollgate.engine.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;

/**
 * One stage of one project. {@code round} counts passes through the stage's work: it grows with
 * every rejection or send-back that makes the stage run again, and decisions belong to a round.
 */
@Entity
@Table(name = "project_stage")
public class ProjectStage {

    public enum Status { WAITING, ACTIVE, APPROVAL, DONE, SKIPPED, SENT_BACK }

    @Id
    private String id;
    private String projectId;
    private String stageKey;
    private String name;
    @Column(name = "seq")
    private int seq;
    @Enumerated(EnumType.STRING)
    private Status status;
    private int round;
    private int reworkCount;
    private Instant startedAt;
    private Instant dueAt;
    private Instant completedAt;
    private Instant overdueAt;
    private Instant escalatedAt;
    private int keptApprovals;
    @Version
    private Long rowVersion;
    /** Set while the engine migrates the project: the engine restarting the stage is not a new round. */
    @jakarta.persistence.Transient
    private boolean migrating;

    protected ProjectStage() {
    }

    ProjectStage(String id, String projectId, String stageKey, String name, int seq) {
        this.id = id;
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.name = name;
        this.seq = seq;
        this.status = Status.WAITING;
    }

    /** A stage of a project imported from an earlier tool, as it ended there. */
    static ProjectStage imported(String id, String projectId, String stageKey, String name, int seq, Status status,
                                 Instant startedAt, Instant dueAt, Instant completedAt, int rounds, int reworkCount) {
        ProjectStage s = new ProjectStage(id, projectId, stageKey, name, seq);
        s.status = status;
        s.startedAt = startedAt;
        s.dueAt = dueAt;
        s.completedAt = completedAt;
        s.round = rounds;
        s.reworkCount = reworkCount;
        return s;
    }

    /**
     * The stage's sub-process started: for the first time; again because the project returned from an
     * earlier stage's rework (a replay, not this stage's fault); or because a gate sent it back here.
     */
    boolean start(Instant at, Instant due) {
        if (migrating) {
            return false;
        }
        keptApprovals = 0;
        if (round == 0) {
            status = Status.ACTIVE;
            startedAt = at;
            dueAt = due;
            round = 1;
        } else if (status == Status.WAITING || status == Status.SENT_BACK) {
            status = Status.ACTIVE;
            round++;
            completedAt = null;
        } else {
            rework(at);
        }
        return true;
    }

    /** Rejected or sent back: the stage's work runs again in a new round. */
    void rework(Instant at) {
        status = Status.ACTIVE;
        keptApprovals = 0;
        round++;
        reworkCount++;
        completedAt = null;
        if (startedAt == null) {
            startedAt = at;
        }
    }

    void markMigrating() {
        migrating = true;
    }

    /** A newer template version renamed or moved this stage. */
    void adopt(String key, String name, int seq) {
        this.stageKey = key;
        this.name = name;
        this.seq = seq;
    }

    /** This stage's gate sent the project back to an earlier stage; it waits for the project to return. */
    void sentBack() {
        require("wait for a send-back", Status.APPROVAL, Status.WAITING);
        status = Status.SENT_BACK;
        completedAt = null;
    }

    /**
     * The project came straight back to this gate after a send-back: a new round of the approval,
     * in which the approvals already given still count.
     */
    void resubmitted(int kept) {
        // the engine opens the approval first, which already moved the stage into approval
        require("take a resubmission", Status.SENT_BACK, Status.APPROVAL);
        status = Status.APPROVAL;
        round++;
        keptApprovals = kept;
        completedAt = null;
    }

    /** The SLA timer fired; the first time counts, and a finished stage is never late. */
    boolean markOverdue(Instant at) {
        if (overdueAt != null || finished()) {
            return false;
        }
        overdueAt = at;
        return true;
    }

    /** A task was taken back while the stage waited for its approval: its work goes on. */
    void backToWork() {
        require("go back to work", Status.ACTIVE, Status.APPROVAL);
        status = Status.ACTIVE;
    }

    /** The project was held for {@code held}: a due date still ahead moves later by that much. */
    void postpone(java.time.Duration held) {
        if (dueAt != null && overdueAt == null && !finished()) {
            dueAt = dueAt.plus(held);
        }
    }

    /** Late by more than alertAfter; answers whether this is news. */
    boolean markEscalated(Instant at) {
        if (escalatedAt != null || finished()) {
            return false;
        }
        escalatedAt = at;
        return true;
    }

    /**
     * The project jumped from this stage's finished work straight back to the gate that sent it
     * here (a direct resubmission); the jump itself cancelled the stage in the engine.
     */
    void finishForResubmission(Instant at) {
        require("finish for a resubmission", Status.ACTIVE, Status.WAITING);
        status = Status.DONE;
        completedAt = at;
    }

    /** An approver's part of the gate opened; the first one moves the stage into approval. */
    void awaitApproval() {
        if (status == Status.APPROVAL) {
            return;
        }
        require("wait for approval", Status.ACTIVE, Status.SENT_BACK);
        status = Status.APPROVAL;
    }

    /** The gate passed (or the last task finished a stage without one). */
    void complete(Instant at) {
        require("complete", Status.ACTIVE, Status.APPROVAL);
        status = Status.DONE;
        completedAt = at;
    }

    /** The stage's {@code when} was false. */
    void skip(Instant at) {
        require("skip", Status.WAITING, Status.SKIPPED);
        status = Status.SKIPPED;
        completedAt = at;
    }

    private void require(String transition, Status... allowed) {
        if (!java.util.List.of(allowed).contains(status)) {
            throw new IllegalStateException("Stage " + stageKey + " of project " + projectId + " cannot " + transition
                    + " while " + status);
        }
    }

    /** Work in the stage stopped because the project went back before it; it will start again later. */
    void reset() {
        if (migrating) {
            // the engine cancels and restarts a running stage while it migrates: the stage goes on
            return;
        }
        if (status != Status.WAITING) {
            status = Status.WAITING;
            completedAt = null;
        }
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public String name() { return name; }
    public int seq() { return seq; }
    public Status status() { return status; }
    public int round() { return round; }
    public int reworkCount() { return reworkCount; }
    public Instant startedAt() { return startedAt; }
    public Instant dueAt() { return dueAt; }
    public Instant completedAt() { return completedAt; }
    public Instant overdueAt() { return overdueAt; }
    public Instant escalatedAt() { return escalatedAt; }
    public int keptApprovals() { return keptApprovals; }

    public boolean finished() {
        return status == Status.DONE || status == Status.SKIPPED;
    }
}
