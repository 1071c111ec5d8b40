package io.tollgate.engine.notification;

import io.tollgate.engine.notification.internal.Deliveries;
import io.tollgate.engine.notification.internal.FollowUps;
import io.tollgate.engine.notification.internal.Notices;
import io.tollgate.engine.notification.internal.Webhooks;
import io.tollgate.engine.security.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends what the outbox holds. Each round takes the due deliveries one by one: a short transaction
 * claims the row (optimistic lock, so of several servers on one database exactly one takes it), the
 * message goes out outside any transaction, and a second short transaction records the outcome:
 * sent (final), or failed with the next attempt after an exponential backoff with jitter, or dead
 * after the last attempt. A server that stops between sending and recording leaves a claim that
 * expires; the delivery is then sent again with the same delivery id, for the receiver to recognise.
 * Reminders and escalations that fall due are turned into notices in the same rounds. Everything the
 * worker knows is in the database, and time is the application's clock.
 */
@Component
class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int DINGTALK_PER_MINUTE = 20;
    private static final Duration DINGTALK_WINDOW = Duration.ofMinutes(1);

    private final Deliveries deliveries;
    private final FollowUps followUps;
    private final Notices notices;
    private final Webhooks webhooks;
    private final Notifier notifier;
    private final NotificationPreferencesService preferences;
    private final Actors actors;
    private final EmailChannel email;
    private final WebhookChannel webhook;
    private final Secrets secrets;
    private final NotificationSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;

    DeliveryWorker(Deliveries deliveries, FollowUps followUps, Notices notices, Webhooks webhooks, Notifier notifier,
                   NotificationPreferencesService preferences, Actors actors, EmailChannel email,
                   WebhookChannel webhook, Secrets secrets, NotificationSettings settings, TransactionTemplate tx,
                   Clock clock) {
        this.deliveries = deliveries;
        this.followUps = followUps;
        this.notices = notices;
        this.webhooks = webhooks;
        this.notifier = notifier;
        this.preferences = preferences;
        this.actors = actors;
        this.email = email;
        this.webhook = webhook;
        this.secrets = secrets;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${tollgate.notifications.poll-interval:PT1S}",
            fixedDelayString = "${tollgate.notifications.poll-interval:PT1S}")
    void round() {
        try {
            followUps();
            deliveries();
        } catch (RuntimeException e) {
            log.warn("Notification round failed; the next round tries again", e);
        }
    }

    void followUps() {
        List<String> due = tx.execute(s -> followUps.dueIds(clock.instant(), PageRequest.of(0, settings.batch())));
        for (String id : due == null ? List.<String>of() : due) {
            try {
                tx.executeWithoutResult(s -> notifier.followUp(id));
            } catch (OptimisticLockingFailureException e) {
                log.debug("Follow-up {} taken by another server", id);
            } catch (RuntimeException e) {
                log.warn("Follow-up {} failed; it stays due", id, e);
            }
        }
    }

    void deliveries() {
        List<String> due = tx.execute(s -> deliveries.dueIds(clock.instant(), PageRequest.of(0, settings.batch())));
        for (String id : due == null ? List.<String>of() : due) {
            deliver(id);
        }
    }

    /** What a claimed delivery needs to go out, read in the claiming transaction. */
    private record Claimed(Delivery delivery, Message message, String email, Webhook webhook, String secret) {
    }

    private void deliver(String id) {
        Claimed claimed;
        try {
            claimed = tx.execute(s -> claim(id));
        } catch (OptimisticLockingFailureException e) {
            return;
        }
        if (claimed == null) {
            return;
        }
        String error;
        Duration wait = null;
        try {
            if (claimed.webhook() != null) {
                WebhookChannel.Outcome outcome = webhook.send(claimed.webhook(), claimed.secret(), claimed.message());
                error = outcome.sent() ? null : outcome.error();
                wait = outcome.retryAfter();
            } else if (claimed.email() != null) {
                email.send(claimed.message(), claimed.email());
                error = null;
            } else {
                error = "The target of this delivery is gone";
            }
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        record(id, error, wait);
    }

    private Claimed claim(String id) {
        Delivery d = deliveries.findById(id).orElse(null);
        Instant now = clock.instant();
        if (d == null || !d.due(now)) {
            return null;
        }
        Notice notice = notices.findById(d.noticeId()).orElseThrow();
        if ("webhook".equals(d.channel()) && overLimit(d.target(), notice.workspaceId(), now)) {
            d.postpone(now, now.plus(DINGTALK_WINDOW));
            return null;
        }
        d.claim(now, now.plus(settings.claim()));
        deliveries.flush();
        String language;
        String address = null;
        Webhook hook = null;
        String secret = null;
        if ("email".equals(d.channel())) {
            language = preferences.user(notice.workspaceId(), d.target()).language();
            address = actors.emailOf(d.target(), notice.workspaceId()).orElse(null);
        } else {
            language = preferences.workspace(notice.workspaceId()).language();
            hook = webhooks.findByIdAndWorkspaceId(d.target(), notice.workspaceId()).orElse(null);
            secret = hook == null || hook.secretEnc() == null ? null : secrets.decrypt(hook.secretEnc());
        }
        NoticeKind kind = notice.kind();
        Message message = new Message(d.id(), kind.key(), notice.workspaceId(), notice.projectId(), notice.stageKey(),
                language, kind.title(language, notice.params()), kind.text(language, notice.params()),
                link(notice), notice.recipients(), notice.createdAt());
        return new Claimed(d, message, address, hook, secret);
    }

    /** DingTalk takes at most 20 messages a minute per robot, across all servers. */
    private boolean overLimit(String webhookId, String workspaceId, Instant now) {
        return webhooks.findByIdAndWorkspaceId(webhookId, workspaceId)
                .filter(h -> h.kind() == Webhook.Kind.DINGTALK)
                .map(h -> deliveries.countByChannelAndTargetAndSentAtAfter("webhook", webhookId, now.minus(DINGTALK_WINDOW))
                        >= DINGTALK_PER_MINUTE)
                .orElse(false);
    }

    private void record(String id, String error, Duration askedWait) {
        try {
            tx.executeWithoutResult(s -> {
                Delivery d = deliveries.findById(id).orElseThrow();
                if (d.status() != Delivery.Status.SENDING) {
                    return;
                }
                Instant now = clock.instant();
                if (error == null) {
                    d.sent(now);
                } else {
                    d.failed(error, now, askedWait != null ? askedWait : backoff(d.attempts()), settings.maxAttempts());
                    log.info("Delivery {} attempt {} failed: {}", id, d.attempts(), error);
                }
            });
        } catch (OptimisticLockingFailureException e) {
            log.warn("Delivery {} changed while it was sent; its claim decides", id);
        }
    }

    /** {@code firstRetry * 2^(attempt-1)}, at most {@code maxRetry}, give or take a fifth. */
    Duration backoff(int attempt) {
        long base = settings.firstRetry().toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, settings.maxRetry().toMillis());
        long jitter = (long) (capped * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(1, capped + jitter));
    }

    private String link(Notice notice) {
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
                : settings.baseUrl();
        return notice.projectId() == null ? base + "/" : base + "/projects/" + notice.projectId();
    }
}
