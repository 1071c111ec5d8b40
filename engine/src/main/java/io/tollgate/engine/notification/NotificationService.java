package io.tollgate.engine.notification;

import io.tollgate.engine.notification.internal.Deliveries;
import io.tollgate.engine.notification.internal.Notices;
import io.tollgate.engine.notification.internal.Notifications;
import io.tollgate.engine.notification.internal.Webhooks;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What people read and admins manage: in-app notifications, webhooks, the outbox. */
@Service
@Transactional
public class NotificationService {

    public static final int MAX_PAGE_SIZE = 100;
    static final int MAX_PAGE = 100_000;

    private final Notifications notifications;
    private final Notices notices;
    private final Deliveries deliveries;
    private final Webhooks webhooks;
    private final NotificationPreferencesService preferences;
    private final Secrets secrets;
    private final TargetGuard guard;
    private final NotificationSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationService(Notifications notifications, Notices notices, Deliveries deliveries, Webhooks webhooks,
                        NotificationPreferencesService preferences, Secrets secrets, TargetGuard guard,
                        NotificationSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.notifications = notifications;
        this.notices = notices;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.preferences = preferences;
        this.secrets = secrets;
        this.guard = guard;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** One in-app notification, in the reader's language. */
    public record Item(String id, String event, String title, String text, String link, String projectId,
                       String stageKey, Instant createdAt, boolean read) {
    }

    public record Inbox(List<Item> items, long unread, int page, int size, long total) {
    }

    /** A delivery as admins see it. */
    public record DeliveryView(String id, String event, String channel, String target, String status, int attempts,
                               Instant nextAttemptAt, Instant sentAt, String lastError, String projectId,
                               Instant createdAt) {
    }

    public record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {
    }

    /** A webhook as the API shows it: never its secret, only whether it has one. */
    public record WebhookView(String id, String kind, String name, String url, boolean signed, Instant createdAt,
                              String createdBy) {
        static WebhookView of(Webhook w) {
            return new WebhookView(w.id(), w.kind().key(), w.name(), w.url(), w.secretEnc() != null, w.createdAt(),
                    w.createdBy());
        }
    }

    public record NewWebhook(String kind, String name, String url, String secret) {
    }

    @Transactional(readOnly = true)
    public Inbox inbox(Actor actor, int page, int size) {
        return inbox(actor, page, size, null);
    }

    /**
     * The caller's notifications in a language they name (the one a page shows), else in the language
     * of their notification settings; a language Tollgate does not speak is refused.
     */
    @Transactional(readOnly = true)
    public Inbox inbox(Actor actor, int page, int size, String lang) {
        if (lang != null && !NotificationPreferencesService.LANGUAGES.contains(lang)) {
            throw Problems.invalidFields("Unknown language.", List.of(new Problems.FieldError("lang",
                    "lang is one of " + String.join(", ", NotificationPreferencesService.LANGUAGES) + ".")));
        }
        PageRequest request = page(page, size);
        Page<Notification> found = notifications.findByWorkspaceIdAndRecipientOrderByCreatedAtDescIdAsc(
                actor.workspaceId(), actor.username(), request);
        String language = lang != null ? lang : preferences.user(actor.workspaceId(), actor.username()).language();
        Map<String, Notice> byId = notices.findAllById(found.map(Notification::noticeId).toList()).stream()
                .collect(Collectors.toMap(Notice::id, Function.identity()));
        List<Item> items = found.stream().map(n -> {
            Notice notice = byId.get(n.noticeId());
            return new Item(n.id(), notice.kind().key(), notice.kind().title(language, notice.params()),
                    notice.kind().text(language, notice.params()), link(notice), notice.projectId(), notice.stageKey(),
                    n.createdAt(), n.readAt() != null);
        }).toList();
        return new Inbox(items, notifications.countByWorkspaceIdAndRecipientAndReadAtIsNull(actor.workspaceId(),
                actor.username()), request.getPageNumber(), request.getPageSize(), found.getTotalElements());
    }

    public void read(String id, Actor actor) {
        notifications.findByIdAndWorkspaceIdAndRecipient(bounded(id), actor.workspaceId(), actor.username())
                .orElseThrow(() -> Problems.notFound("notification", "No notification " + bounded(id) + "."))
                .markRead(clock.instant());
    }

    public int readAll(Actor actor) {
        List<Notification> unread = notifications.findByWorkspaceIdAndRecipientAndReadAtIsNull(actor.workspaceId(),
                actor.username());
        Instant now = clock.instant();
        unread.forEach(n -> n.markRead(now));
        return unread.size();
    }

    @Transactional(readOnly = true)
    public DeliveryPage deliveries(Actor actor, String status, int page, int size) {
        requireAdmin(actor);
        PageRequest request = page(page, size);
        Page<Delivery> found;
        if (status == null || status.isBlank()) {
            found = deliveries.findByWorkspaceIdOrderByCreatedAtDesc(actor.workspaceId(), request);
        } else {
            String s = status.trim().toUpperCase(Locale.ROOT);
            if (!List.of("PENDING", "SENDING", "SENT", "DEAD").contains(s)) {
                throw Problems.badRequest("invalid-status", "status is pending, sending, sent or dead.");
            }
            found = deliveries.findByWorkspaceIdAndStatusOrderByCreatedAtDesc(actor.workspaceId(), s, request);
        }
        Map<String, Notice> byId = notices.findAllById(found.map(Delivery::noticeId).toList()).stream()
                .collect(Collectors.toMap(Notice::id, Function.identity()));
        return new DeliveryPage(found.stream().map(d -> new DeliveryView(d.id(), byId.get(d.noticeId()).kind().key(),
                d.channel(), d.target(), d.status().name().toLowerCase(Locale.ROOT), d.attempts(), d.nextAttemptAt(),
                d.sentAt(), d.lastError(), byId.get(d.noticeId()).projectId(), d.createdAt())).toList(),
                request.getPageNumber(), request.getPageSize(), found.getTotalElements());
    }

    /** An admin sends a dead delivery again. */
    public void retry(String id, Actor actor) {
        requireAdmin(actor);
        Delivery d = deliveries.findByIdAndWorkspaceId(bounded(id), actor.workspaceId())
                .orElseThrow(() -> Problems.notFound("delivery", "No delivery " + bounded(id) + "."));
        if (d.status() != Delivery.Status.DEAD) {
            throw Problems.conflict("delivery-not-dead", "Only a dead delivery is retried; this one is "
                    + d.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        d.retry(clock.instant());
        events.publishEvent(new NotificationEvents.DeliveryRetried(actor.workspaceId(), actor.username(), d.id(),
                clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<WebhookView> webhooks(Actor actor) {
        requireAdmin(actor);
        return webhooks.findByWorkspaceIdOrderByCreatedAtAscIdAsc(actor.workspaceId()).stream().map(WebhookView::of).toList();
    }

    public WebhookView addWebhook(NewWebhook body, Actor actor) {
        requireAdmin(actor);
        if (body == null) {
            throw Problems.badRequest("invalid-webhook", "Send the webhook as JSON: kind, url, secret, name.");
        }
        Webhook.Kind kind = Webhook.Kind.of(body.kind() == null ? "" : body.kind().trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> Problems.badRequest("invalid-webhook",
                        "kind is dingtalk, feishu, wecom, slack or generic."));
        try {
            guard.check(body.url());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-webhook", e.getMessage());
        }
        String name = body.name() == null || body.name().isBlank() ? kind.key() : body.name().trim();
        if (name.length() > 100) {
            throw Problems.badRequest("invalid-webhook", "name is at most 100 characters.");
        }
        if (body.secret() != null && body.secret().length() > 500) {
            throw Problems.badRequest("invalid-webhook", "secret is at most 500 characters.");
        }
        if (kind == Webhook.Kind.GENERIC && (body.secret() == null || body.secret().isBlank())) {
            throw Problems.badRequest("invalid-webhook", "A generic webhook needs a secret to sign its requests.");
        }
        if (webhooks.countByWorkspaceId(actor.workspaceId()) >= settings.maxWebhooks()) {
            throw Problems.conflict("too-many-webhooks", "A workspace has at most " + settings.maxWebhooks() + " webhooks.");
        }
        String secret = body.secret() == null || body.secret().isBlank() ? null : secrets.encrypt(body.secret());
        Webhook saved = webhooks.save(new Webhook(UUID.randomUUID().toString(), actor.workspaceId(), kind, name,
                body.url().trim(), secret, clock.instant(), actor.username()));
        events.publishEvent(new NotificationEvents.WebhookAdded(actor.workspaceId(), actor.username(), saved.id(),
                kind.key(), name, clock.instant()));
        return WebhookView.of(saved);
    }

    public void removeWebhook(String id, Actor actor) {
        requireAdmin(actor);
        Webhook hook = webhooks.findByIdAndWorkspaceId(bounded(id), actor.workspaceId())
                .orElseThrow(() -> Problems.notFound("webhook", "No webhook " + bounded(id) + "."));
        webhooks.delete(hook);
        events.publishEvent(new NotificationEvents.WebhookRemoved(actor.workspaceId(), actor.username(), hook.id(),
                clock.instant()));
    }

    private String link(Notice notice) {
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
                : settings.baseUrl();
        return notice.projectId() == null ? base + "/" : base + "/projects/" + notice.projectId();
    }

    private static PageRequest page(int page, int size) {
        // the offset (page times size) must stay a database integer
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.badRequest("invalid-page", "page is 0 to " + MAX_PAGE + ", size 1 to " + MAX_PAGE_SIZE + ".");
        }
        return PageRequest.of(page, size);
    }

    private static String bounded(String id) {
        return id == null ? "" : id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only workspace admins manage webhooks and deliveries.");
        }
    }
}
