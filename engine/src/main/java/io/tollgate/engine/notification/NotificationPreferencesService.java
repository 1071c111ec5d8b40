package io.tollgate.engine.notification;

import io.tollgate.engine.notification.internal.NotificationPreferences;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets what, how: a workspace's defaults (channels per event, language, reminders, escalation)
 * and each user's own choice of channels per event and language.
 */
@Service
@Transactional
public class NotificationPreferencesService {

    /** Channels: in the app, by email, and the workspace's webhooks. */
    public static final List<String> CHANNELS = List.of("inapp", "email", "webhook");
    /** The channels that are a person's own to choose. */
    public static final List<String> PERSONAL = List.of("inapp", "email");
    public static final List<String> LANGUAGES = List.of("en", "zh-CN");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationPreferences preferences;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationPreferencesService(NotificationPreferences preferences, ApplicationEventPublisher events, Clock clock) {
        this.preferences = preferences;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A workspace's defaults.
     *
     * @param language   the language of webhook messages, and of people who chose none
     * @param events     channels per event ({@code stage_overdue: [inapp, email, webhook]})
     * @param reminder   how long before a stage's due date its owner is reminded (working time where the
     *                   calendar says so); none for no reminders
     * @param escalation how long after the overdue alert a stage still not done escalates, and to which roles
     */
    public record WorkspaceSettings(String language, Map<String, List<String>> events, Reminder reminder,
                                    Escalation escalation) {
    }

    public record Reminder(String before) {
    }

    public record Escalation(String after, List<String> roles) {
    }

    /** A user's own choices: their language and, per event, the channels they want (others follow the workspace). */
    public record UserSettings(String language, Map<String, List<String>> events) {
    }

    static WorkspaceSettings defaults() {
        Map<String, List<String>> events = new LinkedHashMap<>();
        for (NoticeKind k : NoticeKind.values()) {
            events.put(k.key(), CHANNELS);
        }
        return new WorkspaceSettings("en", events, new Reminder("P1D"), new Escalation("P1D", List.of("sponsor")));
    }

    @Transactional(readOnly = true)
    public WorkspaceSettings workspace(String workspaceId) {
        return merged(read(workspaceId, NotificationPreference.WORKSPACE, WorkspaceSettings.class).orElse(null));
    }

    /** The workspace's stored settings over the defaults. */
    private WorkspaceSettings merged(WorkspaceSettings stored) {
        WorkspaceSettings d = defaults();
        if (stored == null) {
            return d;
        }
        Map<String, List<String>> events = new LinkedHashMap<>(d.events());
        if (stored.events() != null) {
            events.putAll(stored.events());
        }
        return new WorkspaceSettings(stored.language() == null ? d.language() : stored.language(), events,
                stored.reminder(), stored.escalation() == null ? d.escalation() : stored.escalation());
    }

    @Transactional(readOnly = true)
    public UserSettings user(String workspaceId, String username) {
        UserSettings stored = read(workspaceId, username, UserSettings.class).orElse(null);
        WorkspaceSettings ws = workspace(workspaceId);
        Map<String, List<String>> events = new LinkedHashMap<>();
        for (NoticeKind k : NoticeKind.values()) {
            List<String> mine = stored == null || stored.events() == null ? null : stored.events().get(k.key());
            events.put(k.key(), mine != null ? mine
                    : ws.events().getOrDefault(k.key(), List.of()).stream().filter(PERSONAL::contains).toList());
        }
        return new UserSettings(stored == null || stored.language() == null ? ws.language() : stored.language(), events);
    }

    /**
     * The personal channels each of these users gets a kind of notice on: the workspace's settings
     * and every user's own read in one statement.
     */
    @Transactional(readOnly = true)
    public Map<String, List<String>> channels(String workspaceId, java.util.Collection<String> usernames, NoticeKind kind) {
        List<String> owners = new java.util.ArrayList<>(usernames);
        owners.add(NotificationPreference.WORKSPACE);
        Map<String, NotificationPreference> stored = new java.util.HashMap<>();
        (usernames.size() == 1 ? preferences.findForOwner(workspaceId, owners.get(0), NotificationPreference.WORKSPACE)
                : preferences.findByWorkspaceIdAndOwnerIn(workspaceId, owners)).forEach(p -> stored.put(p.owner(), p));
        WorkspaceSettings ws = merged(parse(stored.get(NotificationPreference.WORKSPACE), WorkspaceSettings.class));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String user : usernames) {
            UserSettings mine = parse(stored.get(user), UserSettings.class);
            List<String> chosen = mine == null || mine.events() == null ? null : mine.events().get(kind.key());
            out.put(user, chosen != null ? chosen
                    : ws.events().getOrDefault(kind.key(), List.of()).stream().filter(PERSONAL::contains).toList());
        }
        return out;
    }

    /** The personal channels a user gets a kind of notice on. */
    @Transactional(readOnly = true)
    public List<String> channels(String workspaceId, String username, NoticeKind kind) {
        return user(workspaceId, username).events().getOrDefault(kind.key(), List.of());
    }

    public WorkspaceSettings changeWorkspace(WorkspaceSettings body, Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only workspace admins change the notification defaults.");
        }
        if (body == null) {
            throw Problems.badRequest("invalid-notification-settings", "Send the settings as JSON.");
        }
        Map<String, List<String>> events = checkedEvents(body.events(), CHANNELS);
        String language = language(body.language());
        Reminder reminder = null;
        if (body.reminder() != null && body.reminder().before() != null && !body.reminder().before().isBlank()) {
            duration(body.reminder().before(), "reminder.before");
            reminder = body.reminder();
        }
        Escalation escalation = defaults().escalation();
        if (body.escalation() != null) {
            String after = body.escalation().after() == null ? escalation.after() : body.escalation().after();
            duration(after, "escalation.after");
            List<String> roles = body.escalation().roles() == null ? escalation.roles() : body.escalation().roles();
            if (roles.size() > 20 || roles.stream().anyMatch(r -> r == null || r.isBlank() || r.length() > 100)) {
                throw Problems.badRequest("invalid-notification-settings", "escalation.roles: at most 20 role keys.");
            }
            escalation = new Escalation(after, List.copyOf(roles));
        }
        WorkspaceSettings settings = new WorkspaceSettings(language, events, reminder, escalation);
        write(actor.workspaceId(), NotificationPreference.WORKSPACE, settings);
        events().publishEvent(new NotificationEvents.SettingsChanged(actor.workspaceId(), actor.username(), true,
                clock.instant()));
        return workspace(actor.workspaceId());
    }

    public UserSettings changeUser(UserSettings body, Actor actor) {
        if (body == null) {
            throw Problems.badRequest("invalid-notification-settings", "Send the settings as JSON.");
        }
        UserSettings settings = new UserSettings(body.language() == null ? null : language(body.language()),
                checkedEvents(body.events(), PERSONAL));
        write(actor.workspaceId(), actor.username(), settings);
        events().publishEvent(new NotificationEvents.SettingsChanged(actor.workspaceId(), actor.username(), false,
                clock.instant()));
        return user(actor.workspaceId(), actor.username());
    }

    private ApplicationEventPublisher events() {
        return events;
    }

    private static Map<String, List<String>> checkedEvents(Map<String, List<String>> given, List<String> allowed) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (given == null) {
            return out;
        }
        if (given.size() > NoticeKind.values().length) {
            throw Problems.badRequest("invalid-notification-settings", "Too many events.");
        }
        given.forEach((event, channels) -> {
            if (NoticeKind.of(event).isEmpty()) {
                throw Problems.badRequest("invalid-notification-settings", "'" + bounded(event) + "' is not an event; events are "
                        + Arrays.stream(NoticeKind.values()).map(NoticeKind::key).toList() + ".");
            }
            Set<String> set = new LinkedHashSet<>();
            for (String c : channels == null ? List.<String>of() : channels) {
                if (!allowed.contains(c)) {
                    throw Problems.badRequest("invalid-notification-settings", "events." + event + ": '" + bounded(c)
                            + "' is not a channel here; channels are " + allowed + ".");
                }
                set.add(c);
            }
            out.put(event, new ArrayList<>(set));
        });
        return out;
    }

    private static String language(String given) {
        if (given == null) {
            return "en";
        }
        if (!LANGUAGES.contains(given)) {
            throw Problems.badRequest("invalid-notification-settings", "language is 'en' or 'zh-CN'.");
        }
        return given;
    }

    static Duration duration(String given, String what) {
        try {
            if (given.length() > 32) {
                throw new DateTimeParseException("too long", given, 0);
            }
            Duration d = Duration.parse(given);
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
                throw new DateTimeParseException("out of range", given, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("invalid-notification-settings", what + " is a duration such as P1D or PT4H"
                    + " (at most a year).");
        }
    }

    private static String bounded(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static <T> T parse(NotificationPreference p, Class<T> type) {
        if (p == null) {
            return null;
        }
        try {
            return JSON.readValue(p.settingsJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> Optional<T> read(String workspaceId, String owner, Class<T> type) {
        return preferences.findById(new NotificationPreference.Key(workspaceId, owner)).map(p -> {
            try {
                return JSON.readValue(p.settingsJson(), type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void write(String workspaceId, String owner, Object settings) {
        String json;
        try {
            json = JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        preferences.findById(new NotificationPreference.Key(workspaceId, owner)).ifPresentOrElse(p -> p.change(json),
                () -> preferences.save(new NotificationPreference(workspaceId, owner, json)));
    }
}
