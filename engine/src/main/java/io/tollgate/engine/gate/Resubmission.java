package io.tollgate.engine.gate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A gate with {@code resubmit: direct} sent the project back to an earlier stage; when that stage is
 * finished, the project returns straight to this gate instead of replaying the stages in between.
 */
@Entity
@Table(name = "resubmission")
public class Resubmission {

    @Id
    private String id;
    private String projectId;
    private String targetStage;
    private String returnStage;
    private String sender;
    private String keptApprovers;
    private Instant createdAt;
    private Instant resolvedAt;
    @Version
    private Long rowVersion;

    protected Resubmission() {
    }

    Resubmission(String id, String projectId, String targetStage, String returnStage, String sender, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.targetStage = targetStage;
        this.returnStage = returnStage;
        this.sender = sender;
        this.keptApprovers = "";
        this.createdAt = createdAt;
    }

    /** The project came back to the gate. */
    void resolve(Instant at) {
        if (resolvedAt != null) {
            throw new IllegalStateException("Resubmission " + id + " was already resolved");
        }
        resolvedAt = at;
    }

    String targetStage() { return targetStage; }
    String returnStage() { return returnStage; }
    String sender() { return sender; }
}
