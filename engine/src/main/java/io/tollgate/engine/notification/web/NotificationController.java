package io.tollgate.engine.notification.web;

import io.tollgate.engine.notification.NotificationPreferencesService;
import io.tollgate.engine.notification.NotificationService;
import io.tollgate.engine.security.Actors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** In-app notifications, notification settings, webhooks and the delivery list. */
@RestController
@Tag(name = "Notifications")
class NotificationController {

    private final NotificationService notifications;
    private final NotificationPreferencesService preferences;
    private final Actors actors;

    NotificationController(NotificationService notifications, NotificationPreferencesService preferences, Actors actors) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.actors = actors;
    }

    @GetMapping("/api/notifications")
    @Operation(operationId = "listNotifications", summary = "List your notifications, newest first, with the unread count")
    NotificationService.Inbox inbox(@RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size,
                                    @io.swagger.v3.oas.annotations.Parameter(description = "The language of titles and texts "
                                            + "(en or zh-CN); your notification settings' language when absent")
                                    @RequestParam(required = false) String lang) {
        return notifications.inbox(actors.current(), page, size, lang);
    }

    @PostMapping("/api/notifications/{id}/read")
    @Operation(operationId = "readNotification", summary = "Mark one of your notifications read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable String id) {
        notifications.read(id, actors.current());
    }

    @PostMapping("/api/notifications/read-all")
    @Operation(operationId = "readAllNotifications", summary = "Mark all your notifications read")
    Map<String, Integer> readAll() {
        return Map.of("read", notifications.readAll(actors.current()));
    }

    @GetMapping("/api/notifications/deliveries")
    @Operation(operationId = "listDeliveries", summary = "List the deliveries of your workspace with their status (admins)")
    NotificationService.DeliveryPage deliveries(@RequestParam(required = false) String status,
                                                @RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "50") int size) {
        return notifications.deliveries(actors.current(), status, page, size);
    }

    @PostMapping("/api/notifications/deliveries/{id}/retry")
    @Operation(operationId = "retryDelivery", summary = "Send a dead delivery again (admins)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void retry(@PathVariable String id) {
        notifications.retry(id, actors.current());
    }

    @GetMapping("/api/me/notification-settings")
    @Operation(operationId = "getMyNotificationSettings", summary = "Read your notification settings")
    NotificationPreferencesService.UserSettings mine() {
        var actor = actors.current();
        return preferences.user(actor.workspaceId(), actor.username());
    }

    @PutMapping("/api/me/notification-settings")
    @Operation(operationId = "changeMyNotificationSettings", summary = "Choose your language and channels per event")
    NotificationPreferencesService.UserSettings changeMine(@RequestBody NotificationPreferencesService.UserSettings body) {
        return preferences.changeUser(body, actors.current());
    }

    @GetMapping("/api/notification-settings")
    @Operation(operationId = "getNotificationDefaults", summary = "Read your workspace's notification defaults")
    NotificationPreferencesService.WorkspaceSettings workspace() {
        return preferences.workspace(actors.current().workspaceId());
    }

    @PutMapping("/api/notification-settings")
    @Operation(operationId = "changeNotificationDefaults", summary = "Change your workspace's notification defaults (admins)")
    NotificationPreferencesService.WorkspaceSettings changeWorkspace(
            @RequestBody NotificationPreferencesService.WorkspaceSettings body) {
        return preferences.changeWorkspace(body, actors.current());
    }

    @GetMapping("/api/webhooks")
    @Operation(operationId = "listWebhooks", summary = "List your workspace's webhooks, without their secrets (admins)")
    List<NotificationService.WebhookView> webhooks() {
        return notifications.webhooks(actors.current());
    }

    @PostMapping("/api/webhooks")
    @Operation(operationId = "addWebhook", summary = "Add a webhook (admins)")
    @ResponseStatus(HttpStatus.CREATED)
    NotificationService.WebhookView add(@RequestBody NotificationService.NewWebhook body) {
        return notifications.addWebhook(body, actors.current());
    }

    @DeleteMapping("/api/webhooks/{id}")
    @Operation(operationId = "removeWebhook", summary = "Remove a webhook (admins)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id) {
        notifications.removeWebhook(id, actors.current());
    }
}
