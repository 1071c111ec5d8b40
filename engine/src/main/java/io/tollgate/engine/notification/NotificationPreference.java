package io.tollgate.engine.notification;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;

/** Notification settings as stored: a workspace's defaults (owner {@code *}) or one user's choices. */
@Entity
@Table(name = "notification_preference")
@IdClass(NotificationPreference.Key.class)
public class NotificationPreference {

    public static final String WORKSPACE = "*";

    /** Workspace and owner. */
    public record Key(String workspaceId, String owner) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    private String workspaceId;
    @Id
    private String owner;
    private String settingsJson;
    @Version
    private long rowVersion;

    protected NotificationPreference() {
    }

    public NotificationPreference(String workspaceId, String owner, String settingsJson) {
        this.workspaceId = workspaceId;
        this.owner = owner;
        this.settingsJson = settingsJson;
    }

    public void change(String settingsJson) {
        this.settingsJson = settingsJson;
    }

    public String settingsJson() { return settingsJson; }
    public String owner() { return owner; }
}
