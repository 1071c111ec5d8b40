package io.tollgate.engine.gate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One approver's decision on a gate, in one round of the stage. Never changes once made. */
@Entity
@Table(name = "approval_decision")
public class Decision {

    public enum Kind {
        APPROVE, REJECT, SEND_BACK, CONDITIONAL, HOLD, KILL;

        /** Whether this decision counts as an approval of the gate: go, or conditional go. */
        public boolean approves() {
            return this == APPROVE || this == CONDITIONAL;
        }

        /** Whether this decision counts against the gate: a rejection or a send-back. */
        public boolean rejects() {
            return this == REJECT || this == SEND_BACK;
        }

        /** The stage-gate outcome the decision stands for. */
        public io.tollgate.modeler.model.Outcome outcome() {
            return switch (this) {
                case APPROVE -> io.tollgate.modeler.model.Outcome.GO;
                case CONDITIONAL -> io.tollgate.modeler.model.Outcome.CONDITIONAL;
                case HOLD -> io.tollgate.modeler.model.Outcome.HOLD;
                case KILL -> io.tollgate.modeler.model.Outcome.KILL;
                case REJECT, SEND_BACK -> io.tollgate.modeler.model.Outcome.RECYCLE;
            };
        }

        /** As the API and the audit spell it: approve, reject, send_back, conditional, hold, kill. */
        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** In a sentence: "send back". */
        String words() {
            return spelling().replace('_', ' ');
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String projectId;
    private String stageKey;
    private int round;
    private String workItemId;
    private String username;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Kind decision;
    @Column(name = "comment_text")
    private String comment;
    private Instant decidedAt;

    protected Decision() {
    }

    Decision(String projectId, String stageKey, int round, String workItemId, String username, Kind decision,
                    String comment, Instant decidedAt) {
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.round = round;
        this.workItemId = workItemId;
        this.username = username;
        this.decision = decision;
        this.comment = comment;
        this.decidedAt = decidedAt;
    }

    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public int round() { return round; }
    public String workItemId() { return workItemId; }
    public String username() { return username; }
    public Kind decision() { return decision; }
    public String comment() { return comment; }
    public Instant decidedAt() { return decidedAt; }
}
