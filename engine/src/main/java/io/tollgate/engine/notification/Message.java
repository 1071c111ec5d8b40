package io.tollgate.engine.notification;

import java.util.List;

/**
 * One message as a channel sends it, in one language.
 *
 * @param deliveryId the delivery's id, the same on every attempt
 */
record Message(String deliveryId, String event, String workspaceId, String projectId, String stageKey, String language,
               String title, String text, String link, List<String> recipients, java.time.Instant occurredAt) {
}
