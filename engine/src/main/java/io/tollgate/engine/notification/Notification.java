package io.tollgate.engine.notification;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A notice as one person sees it in the app: read or not. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private String id;
    private String noticeId;
    private String workspaceId;
    private String recipient;
    private Instant createdAt;
    private Instant readAt;
    @Version
    private Long rowVersion;

    protected Notification() {
    }

    public Notification(String id, Notice notice, String recipient) {
        this.id = id;
        this.noticeId = notice.id();
        this.workspaceId = notice.workspaceId();
        this.recipient = recipient;
        this.createdAt = notice.createdAt();
    }

    /** Marks it read; reading it again changes nothing. */
    public void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public String id() { return id; }
    public String noticeId() { return noticeId; }
    public String workspaceId() { return workspaceId; }
    public String recipient() { return recipient; }
    public Instant createdAt() { return createdAt; }
    public Instant readAt() { return readAt; }
}
