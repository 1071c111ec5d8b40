package io.tollgate.engine.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code tollgate.notifications.*}: how notices reach people.
 *
 * @param baseUrl             where people open Tollgate; links in messages start here
 * @param mailFrom            the sender of notification emails
 * @param secretKey           encrypts webhook secrets at rest; set your own in production
 * @param allowPrivateTargets whether webhooks may point at loopback and private addresses (link-local
 *                            and cloud metadata addresses are refused always)
 * @param maxAttempts         attempts of one delivery before it is dead (an admin may retry it)
 * @param firstRetry          wait after the first failure; doubled after each further one, with jitter
 * @param maxRetry            the longest wait between attempts
 * @param claim               how long a worker holds a delivery it is sending before another may take it
 * @param timeout             connect and answer time allowed to a webhook
 * @param batch               deliveries taken per round of the worker
 * @param maxWebhooks         webhooks per workspace
 */
@ConfigurationProperties("tollgate.notifications")
public record NotificationSettings(@DefaultValue("http://localhost:8080") String baseUrl,
                                   @DefaultValue("tollgate@localhost") String mailFrom,
                                   @DefaultValue("change-me-tollgate-notification-key") String secretKey,
                                   @DefaultValue("false") boolean allowPrivateTargets,
                                   @DefaultValue("8") int maxAttempts,
                                   @DefaultValue("30s") Duration firstRetry,
                                   @DefaultValue("1h") Duration maxRetry,
                                   @DefaultValue("2m") Duration claim,
                                   @DefaultValue("10s") Duration timeout,
                                   @DefaultValue("50") int batch,
                                   @DefaultValue("20") int maxWebhooks) {
}
