package io.tollgate.engine.notification;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.calendar.WorkingTime;
import io.tollgate.engine.gate.GateEvents;
import io.tollgate.engine.insight.InsightEvents;
import io.tollgate.engine.notification.internal.Deliveries;
import io.tollgate.engine.notification.internal.FollowUps;
import io.tollgate.engine.notification.internal.Notices;
import io.tollgate.engine.notification.internal.Notifications;
import io.tollgate.engine.notification.internal.Webhooks;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.UserService;
import io.tollgate.engine.work.WorkEvents;
import io.tollgate.engine.workflow.WorkflowEvents;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.Stage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns domain events into notices, in the transaction of the change that published them: the
 * notice, its in-app notifications and its outbox deliveries commit with the change or not at all,
 * so no notice is lost and none is raised for a change that rolled back. The deliveries are the
 * outbox: e-mail, chat and webhook sending happens after commit, from them. (Handing each event to
 * the publication registry instead cost two more commits per event on every task and decision.)
 * The notice's event key records nothing twice.
 *
 * <p>Which events notify whom is the table {@link #RULES}: one entry per event type.
 */
@Service
public class Notifier {

    /** Who a notice is for, in the terms of a project. */
    enum Who { OWNER, PM, ESCALATION, TASK_ASSIGNEES }

    /** What one event means for people: the kind of notice, its key, who gets it and its words. */
    record Trigger(NoticeKind kind, String projectId, String stageKey, String eventKey, Set<Who> roles,
                   List<String> users, Map<String, String> params) {
    }

    /** The event → notice table. A new event type is one entry here (and one listener method below). */
    private static final Map<Class<?>, Function<Object, Optional<Trigger>>> RULES = Map.of(
            WorkflowEvents.TaskCreated.class, e -> taskCreated((WorkflowEvents.TaskCreated) e),
            WorkEvents.WorkDelegated.class, e -> delegated((WorkEvents.WorkDelegated) e),
            GateEvents.GateDecided.class, e -> decided((GateEvents.GateDecided) e),
            ProjectEvents.StageEscalated.class, e -> overdue((ProjectEvents.StageEscalated) e),
            ProjectEvents.ProjectCompleted.class, e -> completed((ProjectEvents.ProjectCompleted) e),
            InsightEvents.LateRiskRaised.class, e -> lateRisk((InsightEvents.LateRiskRaised) e));

    private final Notices notices;
    private final Notifications notifications;
    private final Deliveries deliveries;
    private final Webhooks webhooks;
    private final FollowUps followUps;
    private final NotificationPreferencesService preferences;
    private final ProjectService projects;
    private final StageService stages;
    private final CalendarService calendars;
    private final UserService users;
    private final Actors actors;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;

    Notifier(Notices notices, Notifications notifications, Deliveries deliveries, Webhooks webhooks, FollowUps followUps,
             NotificationPreferencesService preferences, ProjectService projects, StageService stages,
             CalendarService calendars, UserService users, Actors actors, ObjectProvider<JavaMailSender> mail, Clock clock) {
        this.notices = notices;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.followUps = followUps;
        this.preferences = preferences;
        this.projects = projects;
        this.stages = stages;
        this.calendars = calendars;
        this.users = users;
        this.actors = actors;
        this.mail = mail;
        this.clock = clock;
    }

    // --- the listeners: each hands its event to the table

    @EventListener
    void on(WorkflowEvents.TaskCreated e) {
        handle(e);
    }

    @EventListener
    void on(WorkEvents.WorkDelegated e) {
        handle(e);
    }

    /** Tasks imported into a running project that are open at once: each assignee hears of theirs. */
    @EventListener
    void on(WorkEvents.TasksImported e) {
        // one event, several tasks: a trigger for each, outside the one-trigger table
        e.tasks().stream().filter(t -> t.status().equals("open")).forEach(t -> raise(new Trigger(NoticeKind.TASK_ASSIGNED,
                e.projectId(), t.stageKey(), "imported:" + e.importId() + ":" + t.itemKey(), Set.of(),
                List.of(t.assignee()), Map.of("item", t.name()))));
    }

    @EventListener
    void on(GateEvents.GateDecided e) {
        handle(e);
    }

    @EventListener
    void on(ProjectEvents.ProjectCompleted e) {
        handle(e);
    }

    @EventListener
    void on(InsightEvents.LateRiskRaised e) {
        handle(e);
    }

    /** The stage is late by more than its alertAfter: alert its owner and the PM, and plan the escalation. */
    @EventListener
    void on(ProjectEvents.StageEscalated e) {
        handle(e);
        ProjectContext project = projects.context(e.projectId());
        var settings = preferences.workspace(project.workspaceId());
        Duration after = NotificationPreferencesService.duration(settings.escalation().after(), "escalation.after");
        ProjectStage stage = stages.stage(e.projectId(), e.stageKey());
        String id = "escalate:" + e.projectId() + ":" + e.stageKey() + ":" + stage.round();
        if (!followUps.existsById(id)) {
            followUps.save(new FollowUp(id, project.workspaceId(), NoticeKind.STAGE_ESCALATED, e.projectId(), e.stageKey(),
                    stage.round(), calendars.plus(project.workspaceId(), e.at(), after)));
        }
    }

    /** A stage started: plan its reminder before the due date. */
    @EventListener
    void on(ProjectEvents.StageStarted e) {
        ProjectContext project = projects.context(e.projectId());
        var settings = preferences.workspace(project.workspaceId());
        Optional<Duration> plan = project.template().stage(e.stageKey()).flatMap(s -> Durations.parse(s.duration()));
        if (settings.reminder() == null || plan.isEmpty()) {
            return;
        }
        Duration before = NotificationPreferencesService.duration(settings.reminder().before(), "reminder.before");
        WorkingTime time = calendars.time(project.workspaceId());
        if (time.working(before).compareTo(time.working(plan.get())) >= 0) {
            return;
        }
        String id = "remind:" + e.projectId() + ":" + e.stageKey() + ":" + e.round();
        if (!followUps.existsById(id)) {
            followUps.save(new FollowUp(id, project.workspaceId(), NoticeKind.STAGE_DUE_SOON, e.projectId(), e.stageKey(),
                    e.round(), calendars.plusLessBefore(project.workspaceId(), e.at(), plan.get(), before)));
        }
    }

    // --- the rules

    private static Optional<Trigger> taskCreated(WorkflowEvents.TaskCreated e) {
        if (e.assignee() == null && e.approval()) {
            return Optional.empty();
        }
        NoticeKind kind = e.approval() ? NoticeKind.APPROVAL_REQUESTED : NoticeKind.TASK_ASSIGNED;
        Map<String, String> params = new LinkedHashMap<>();
        if (!e.approval()) {
            params.put("item", e.taskKey());
        }
        // a task offered to a role or a group has no assignee yet: everyone it is offered to hears of it
        return Optional.of(new Trigger(kind, e.projectId(), e.stageKey(), "task:" + e.engineTaskId(),
                e.assignee() == null ? Set.of(Who.TASK_ASSIGNEES) : Set.of(),
                e.assignee() == null ? List.of() : List.of(e.assignee()), params));
    }

    private static Optional<Trigger> delegated(WorkEvents.WorkDelegated e) {
        return Optional.of(new Trigger(NoticeKind.TASK_ASSIGNED, e.projectId(), e.stageKey(),
                "delegated:" + e.projectId() + ":" + e.stageKey() + ":" + e.itemKey() + ":" + e.to() + ":"
                        + e.at().toEpochMilli(), Set.of(), List.of(e.to()), Map.of("item", e.itemKey(), "user", e.from())));
    }

    private static Optional<Trigger> decided(GateEvents.GateDecided e) {
        // how each outcome reads, and whether it stops the stage (a rejection, a send-back, a kill)
        String[] words = switch (e.decision()) {
            case "approve" -> new String[] {"approved", "通过", "go"};
            case "conditional" -> new String[] {"approved with conditions", "有条件通过", "go"};
            case "hold" -> new String[] {"put on hold", "暂停", "go"};
            case "kill" -> new String[] {"killed", "终止", "stop"};
            case "reject" -> new String[] {"rejected", "驳回", "stop"};
            default -> new String[] {"sent back", "退回", "stop"};
        };
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", e.user());
        params.put("decision", words[0]);
        params.put("decision@zh-CN", words[1]);
        params.put("comment", e.comment() == null ? "" : e.comment());
        return Optional.of(new Trigger(words[2].equals("go") ? NoticeKind.APPROVAL_DECIDED : NoticeKind.GATE_REJECTED,
                e.projectId(), e.stageKey(), "decided:" + e.projectId() + ":" + e.stageKey() + ":" + e.round() + ":"
                + e.user() + ":" + e.at().toEpochMilli(), Set.of(Who.OWNER, Who.PM), List.of(), params));
    }

    private static Optional<Trigger> overdue(ProjectEvents.StageEscalated e) {
        return Optional.of(new Trigger(NoticeKind.STAGE_OVERDUE, e.projectId(), e.stageKey(),
                "overdue:" + e.projectId() + ":" + e.stageKey() + ":" + e.at().toEpochMilli(), Set.of(Who.OWNER, Who.PM),
                List.of(), Map.of()));
    }

    private static Optional<Trigger> completed(ProjectEvents.ProjectCompleted e) {
        return Optional.of(new Trigger(NoticeKind.PROJECT_COMPLETED, e.projectId(), null,
                "completed:" + e.projectId(), Set.of(Who.PM), List.of(), Map.of()));
    }

    private static Optional<Trigger> lateRisk(InsightEvents.LateRiskRaised e) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("chance", Math.round(e.probabilityLate() * 100) + "%");
        params.put("target", DAY.format(e.targetAt()));
        params.put("p85", DAY.format(e.p85At()));
        return Optional.of(new Trigger(NoticeKind.LATE_RISK, e.projectId(), null, "late-risk:" + e.projectId(),
                Set.of(Who.PM), List.of(), params));
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC);

    // --- recording

    private void handle(Object event) {
        Function<Object, Optional<Trigger>> rule = RULES.get(event.getClass());
        if (rule == null) {
            throw new IllegalStateException("No notification rule for " + event.getClass().getSimpleName());
        }
        rule.apply(event).ifPresent(this::raise);
    }

    /** A follow-up fell due: notify if the stage is still where it was, in any case mark it done. */
    @Transactional
    public void followUp(String id) {
        FollowUp f = followUps.findById(id).orElse(null);
        if (f == null || !f.dueAt().isBefore(clock.instant().plusMillis(1))) {
            return;
        }
        f.done();
        ProjectContext project = projects.context(f.projectId());
        ProjectStage stage = stages.stage(f.projectId(), f.stageKey());
        if (!project.project().active() || stage.finished() || stage.round() != f.round()) {
            return;
        }
        Set<Who> who = f.kind() == NoticeKind.STAGE_ESCALATED ? Set.of(Who.ESCALATION, Who.PM) : Set.of(Who.OWNER);
        raise(new Trigger(f.kind(), f.projectId(), f.stageKey(), f.id(), who, List.of(), Map.of()));
    }

    /** Records the notice once, with its notifications and deliveries, in the caller's transaction. */
    @Transactional
    void raise(Trigger t) {
        ProjectContext project = projects.context(t.projectId());
        String workspace = project.workspaceId();
        String eventKey = bounded(t.eventKey());
        if (notices.findByWorkspaceIdAndEventKey(workspace, eventKey).isPresent()) {
            return;
        }
        var settings = preferences.workspace(workspace);
        List<String> recipients = recipients(project, t);
        Map<String, String> params = new LinkedHashMap<>(t.params());
        params.putAll(params(project, t));
        Instant now = clock.instant();
        Notice notice = notices.save(new Notice(UUID.randomUUID().toString(), workspace, eventKey, t.kind(),
                t.projectId(), t.stageKey(), params, recipients, now));
        Actor system = new Actor("tollgate", workspace, Set.of("admin"), Set.of());
        Map<String, List<String>> channelsOf = preferences.channels(workspace, recipients, t.kind());
        for (String user : recipients) {
            List<String> channels = channelsOf.get(user);
            if (channels.contains("inapp")) {
                notifications.save(new Notification(UUID.randomUUID().toString(), notice, user));
            }
            if (channels.contains("email") && mail.getIfAvailable() != null) {
                String email = users.user(user, system).email();
                if (email != null && !email.isBlank()) {
                    deliveries.save(new Delivery(UUID.randomUUID().toString(), notice, "email", user, now));
                }
            }
        }
        if (settings.events().getOrDefault(t.kind().key(), List.of()).contains("webhook")) {
            for (Webhook hook : webhooks.findByWorkspaceIdOrderByCreatedAtAscIdAsc(workspace)) {
                deliveries.save(new Delivery(UUID.randomUUID().toString(), notice, "webhook", hook.id(), now));
            }
        }
    }

    /** An event key fits its column: a long one is replaced by its SHA-256, the same for the same event. */
    static String bounded(String eventKey) {
        if (eventKey.length() <= 200) {
            return eventKey;
        }
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(eventKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> recipients(ProjectContext project, Trigger t) {
        Set<String> out = new LinkedHashSet<>(t.users());
        Map<String, List<String>> roles = project.project().roles();
        Optional<Stage> stage = t.stageKey() == null ? Optional.empty() : project.template().stage(t.stageKey());
        for (Who who : t.roles()) {
            switch (who) {
                case OWNER -> stage.map(Stage::owner).ifPresent(o -> out.addAll(people(o, roles, project.workspaceId())));
                case PM -> {
                    List<String> pms = roles.getOrDefault("pm", List.of());
                    out.addAll(pms.isEmpty() ? List.of(project.project().createdBy()) : pms);
                }
                case ESCALATION -> preferences.workspace(project.workspaceId()).escalation().roles()
                        .forEach(r -> out.addAll(people(r, roles, project.workspaceId())));
                case TASK_ASSIGNEES -> stage.flatMap(s -> s.task(t.params().getOrDefault("item", "")))
                        .map(task -> task.assignee()).filter(a -> a != null)
                        .ifPresent(a -> out.addAll(people(a, roles, project.workspaceId())));
                default -> throw new IllegalStateException("Unknown recipient " + who);
            }
        }
        return actors.existing(out, project.workspaceId());
    }

    /** A role key, {@code user:x} or {@code group:g}, as people. */
    private List<String> people(String ref, Map<String, List<String>> roles, String workspace) {
        if (ref.startsWith("user:")) {
            return List.of(ref.substring(5));
        }
        if (ref.startsWith("group:")) {
            return actors.membersOf(ref.substring(6), workspace);
        }
        return roles.getOrDefault(ref, List.of());
    }

    private Map<String, String> params(ProjectContext project, Trigger t) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("project", project.project().name());
        if (t.stageKey() != null) {
            Optional<Stage> stage = project.template().stage(t.stageKey());
            p.put("stage", stage.map(Stage::label).orElse(t.stageKey()));
            stage.map(s -> s.names().get("zh-CN")).ifPresent(zh -> p.put("stage@zh-CN", zh));
            String item = t.params().get("item");
            if (item != null) {
                stage.flatMap(s -> s.task(item)).ifPresent(task -> {
                    p.put("item", task.name() == null || task.name().isBlank() ? task.key() : task.name());
                    if (task.names().get("zh-CN") != null) {
                        p.put("item@zh-CN", task.names().get("zh-CN"));
                    }
                });
            }
            Optional<Duration> plan = stage.flatMap(s -> Durations.parse(s.duration()));
            ProjectStage row = stages.stage(t.projectId(), t.stageKey());
            if (plan.isPresent() && row.startedAt() != null) {
                WorkingTime time = calendars.time(project.workspaceId());
                Instant due = time.plus(row.startedAt(), plan.get());
                p.put("due", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(time.zone()).format(due)
                        + " (" + time.zone().getId() + ")");
            }
        }
        return p;
    }
}
