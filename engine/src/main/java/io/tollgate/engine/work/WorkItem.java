package io.tollgate.engine.work;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.tollgate.engine.support.Problems;

import java.time.Instant;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Something a person does in a project: a task of a stage (exists from project start, waiting until
 * its stage and prerequisites let it open) or one approver's part of a gate's approval.
 */
@Entity
@Table(name = "work_item")
public class WorkItem {

    public enum Kind { TASK, APPROVAL }

    public enum Status { WAITING, OPEN, DONE, CANCELLED }

    @Id
    private String id;
    private String projectId;
    private String stageKey;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String itemKey;
    private String name;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String engineTaskId;
    private String assignee;
    private int round;
    private Instant createdAt;
    private Instant openedAt;
    private Instant dueAt;
    private Instant completedAt;
    private String completedBy;
    private String onBehalfOf;
    /** {@code template} for the tasks of the template and the approvals of gates, {@code import} for imported tasks. */
    private String origin = "template";
    private String importId;
    private String requiresKeys;
    private String plannedDuration;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "work_item_candidate", joinColumns = @JoinColumn(name = "work_item_id"))
    @Column(name = "principal")
    private Set<String> candidates = new LinkedHashSet<>();
    @Version
    private Long rowVersion;

    protected WorkItem() {
    }

    WorkItem(String id, String projectId, String stageKey, Kind kind, String itemKey, String name, Set<String> candidates,
             Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.kind = kind;
        this.itemKey = itemKey;
        this.name = name;
        this.status = Status.WAITING;
        this.candidates.addAll(candidates);
        this.createdAt = createdAt;
    }

    /** Work done in a project imported from an earlier tool: done, by whom, from when it opened. */
    static WorkItem done(String id, String projectId, String stageKey, Kind kind, String itemKey, String name,
                         String user, Instant openedAt, Instant completedAt) {
        WorkItem w = new WorkItem(id, projectId, stageKey, kind, itemKey, name, Set.of("user:" + user), openedAt);
        w.status = Status.DONE;
        w.assignee = user;
        w.round = 1;
        w.openedAt = openedAt;
        w.completedAt = completedAt;
        w.completedBy = user;
        return w;
    }

    /**
     * A task a project manager imported into a running project: no template task and no engine task
     * stand behind it. It is for one user, waits for the imported tasks it {@code requires} (item keys
     * of the same project) and opens when its stage runs and they are done.
     */
    static WorkItem imported(String id, String projectId, String stageKey, String itemKey, String name, String user,
                             String importId, java.util.List<String> requires, String duration, Instant createdAt) {
        WorkItem item = new WorkItem(id, projectId, stageKey, Kind.TASK, itemKey, name, Set.of("user:" + user), createdAt);
        item.assignee = user;
        item.origin = "import";
        item.importId = importId;
        item.requiresKeys = requires.isEmpty() ? null : String.join(",", requires);
        item.plannedDuration = duration;
        return item;
    }

    /** An imported task opens: Tollgate, not the engine, decides when. */
    void openImported(int round, Instant at, Instant due) {
        if (!imported()) {
            throw new IllegalStateException("Work item " + id + " belongs to the engine");
        }
        open(null, null, round, at, due);
    }

    /** The engine created its user task: the work can be done now. */
    void open(String engineTaskId, String assignee, int round, Instant at, Instant due) {
        if (status != Status.WAITING) {
            throw new IllegalStateException("Work item " + id + " cannot open while " + status);
        }
        this.status = Status.OPEN;
        this.engineTaskId = engineTaskId;
        if (assignee != null) {
            this.assignee = assignee;
        }
        this.round = round;
        this.openedAt = at;
        this.dueAt = due;
        this.completedAt = null;
        this.completedBy = null;
    }

    /** A newer template version renamed the stage this item belongs to. */
    void moveToStage(String stageKey) {
        this.stageKey = stageKey;
    }

    /** Someone handed the item to another person, who alone may now act on it. */
    void delegate(String user) {
        if (status != Status.OPEN && status != Status.WAITING) {
            throw new IllegalStateException("Work item " + id + " is " + status);
        }
        assignee = user;
        candidates.clear();
        candidates.add("user:" + user);
    }

    void postpone(java.time.Duration by) {
        if (dueAt != null) {
            dueAt = dueAt.plus(by);
        }
    }

    /** A substitute does it for someone who is away; the item shows whom it is for. */
    void standIn(String substitute, String forUser) {
        if (status != Status.OPEN && status != Status.WAITING) {
            throw new IllegalStateException("Work item " + id + " is " + status);
        }
        assignee = substitute;
        candidates.clear();
        candidates.add("user:" + substitute);
        onBehalfOf = forUser;
    }

    void moveToRound(int round) {
        this.round = round;
    }

    void assign(String user) {
        this.assignee = user;
    }

    /** Someone finished it; the engine is told right after. */
    void complete(String user, Instant at) {
        if (status != Status.OPEN) {
            throw new IllegalStateException("Work item " + id + " is " + status);
        }
        status = Status.DONE;
        completedBy = user;
        completedAt = at;
    }

    /** The engine removed it without anyone finishing it: a task waits again, an approval is void. */
    void withdraw() {
        if (status != Status.OPEN) {
            throw new IllegalStateException("Work item " + id + " cannot be withdrawn while " + status);
        }
        status = kind == Kind.TASK ? Status.WAITING : Status.CANCELLED;
        engineTaskId = null;
    }

    /** Its doer took it back: it waits for the engine to open it again. */
    void reopenForWithdrawal() {
        if (status != Status.DONE) {
            throw new IllegalStateException("Work item " + id + " is " + status);
        }
        status = Status.WAITING;
        engineTaskId = null;
        completedAt = null;
        completedBy = null;
    }

    /** Its approver took their decision back: this approval is void, and the engine opens a new one for them. */
    void voidDecision() {
        if (kind != Kind.APPROVAL || status != Status.DONE) {
            throw new IllegalStateException("Work item " + id + " is a " + kind + " " + status);
        }
        status = Status.CANCELLED;
    }

    /** The stage runs again from the start: the task waits to be opened again. */
    void resetToWaiting() {
        if (imported()) {
            // imported work is done once: a new round of its stage does not ask for it again
            return;
        }
        if (kind == Kind.TASK) {
            status = Status.WAITING;
            engineTaskId = null;
            completedAt = null;
            completedBy = null;
        } else if (status == Status.OPEN) {
            status = Status.CANCELLED;
        }
    }

    /** Refuses to act on anything but open work. */
    void assertOpen() {
        if (status != Status.OPEN) {
            throw Problems.conflict(kind == Kind.TASK ? "task-closed" : "approval-closed",
                    "This " + (kind == Kind.TASK ? "task" : "approval") + " is " + status.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    /** Whether this user may act on it: its assignee, or one of its candidates. */
    public boolean offeredTo(String username, Set<String> principals) {
        if (assignee != null) {
            return assignee.equals(username);
        }
        return candidates.stream().anyMatch(principals::contains);
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public Kind kind() { return kind; }
    public String itemKey() { return itemKey; }
    public String name() { return name; }
    public Status status() { return status; }
    public String engineTaskId() { return engineTaskId; }
    public String assignee() { return assignee; }
    public int round() { return round; }
    public Instant createdAt() { return createdAt; }
    public Instant openedAt() { return openedAt; }
    public Instant dueAt() { return dueAt; }
    public Instant completedAt() { return completedAt; }
    public String completedBy() { return completedBy; }
    public Set<String> candidates() { return Set.copyOf(candidates); }
    public String onBehalfOf() { return onBehalfOf; }
    /** Whether a project manager imported it into the running project (no engine task stands behind it). */
    public boolean imported() { return "import".equals(origin); }
    public String importId() { return importId; }
    /** Item keys of the imported tasks it waits for. */
    public java.util.List<String> requires() {
        return requiresKeys == null || requiresKeys.isEmpty() ? java.util.List.of() : java.util.List.of(requiresKeys.split(","));
    }
    public String plannedDuration() { return plannedDuration; }
}
