package io.tollgate.engine.notification;

import java.time.Instant;

/** What admins and users did with notification settings and webhooks. */
public final class NotificationEvents {
    private NotificationEvents() {
    }

    /** Settings changed: the workspace's defaults ({@code workspace}) or the actor's own. */
    public record SettingsChanged(String workspaceId, String actor, boolean workspace, Instant at) {
    }

    public record WebhookAdded(String workspaceId, String actor, String webhookId, String kind, String name, Instant at) {
    }

    public record WebhookRemoved(String workspaceId, String actor, String webhookId, Instant at) {
    }

    /** An admin sent a dead delivery again. */
    public record DeliveryRetried(String workspaceId, String actor, String deliveryId, Instant at) {
    }
}
