package io.tollgate.engine.work;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A user's time out of office, and who does their new work meanwhile. One per user and workspace. */
@Entity
@Table(name = "user_absence")
public class Absence {

    @Id
    private String id;
    private String workspaceId;
    private String username;
    private Instant startsAt;
    private Instant endsAt;
    private String substitute;
    private Instant createdAt;
    @Version
    private Long rowVersion;

    protected Absence() {
    }

    Absence(String id, String workspaceId, String username, Instant startsAt, Instant endsAt, String substitute,
            Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.username = username;
        change(startsAt, endsAt, substitute);
        this.createdAt = createdAt;
    }

    void change(Instant startsAt, Instant endsAt, String substitute) {
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.substitute = substitute;
    }

    /** Whether the user is away at that moment. */
    public boolean coversAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String username() { return username; }
    public Instant startsAt() { return startsAt; }
    public Instant endsAt() { return endsAt; }
    public String substitute() { return substitute; }
}
