package io.tollgate.engine.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.insight.internal.InsightTables;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The dashboard, each project's health, forecast and schedule, and the workspace's insight settings. */
@Service
public class InsightService {

    /** The periods the dashboard covers, ending now. */
    static final Map<String, Duration> PERIODS = Map.of("7d", Duration.ofDays(7), "30d", Duration.ofDays(30),
            "90d", Duration.ofDays(90), "365d", Duration.ofDays(365), "all", Duration.ofDays(365L * 100));
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final InsightTables tables;
    private final ProjectInsight insight;
    private final ProjectService projects;
    private final Actors actors;
    private final ObjectMapper json;
    private final Clock clock;

    InsightService(InsightTables tables, ProjectInsight insight, ProjectService projects, Actors actors, ObjectMapper json,
                   Clock clock) {
        this.tables = tables;
        this.insight = insight;
        this.projects = projects;
        this.actors = actors;
        this.json = json;
        this.clock = clock;
    }

    /** Managers see the dashboard: admins and project managers. */
    private static void manager(Actor actor) {
        if (!actor.isAdmin() && !actor.roles().contains("pm")) {
            throw Problems.forbidden("The dashboard is for admins and project managers.");
        }
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(Actor actor, String template, String period, String group) {
        manager(actor);
        String p = period == null || period.isBlank() ? "90d" : period.trim();
        Duration length = PERIODS.get(p);
        if (length == null) {
            throw Problems.badRequest("invalid-parameter", "period is one of 7d, 30d, 90d, 365d or all.");
        }
        String t = key("template", template);
        String g = key("group", group);
        Instant now = clock.instant();
        Instant from = p.equals("all") ? Instant.EPOCH : now.minus(length);
        Instant to = now.plusMillis(1);
        List<String> members = g == null ? null : actors.membersOf(g, actor.workspaceId());
        InsightTables.Scope scope = new InsightTables.Scope(actor.workspaceId(), from, to, t, members);
        Dashboard.Projects projects = tables.projects(scope);
        InsightTables.WorkDone work = tables.work(scope);
        return new Dashboard(new Dashboard.Filters(t, p, g, from, to), projects, byStatus(projects),
                tables.byStage(scope), tables.stageCycles(scope), tables.gates(scope), tables.overdue(scope, now),
                work.people(), work.stages(), tables.throughput(scope));
    }

    /** The period's projects by status, in status order, the statuses with none left out. */
    private static List<Dashboard.Count> byStatus(Dashboard.Projects p) {
        List<Dashboard.Count> out = new java.util.ArrayList<>();
        java.util.stream.Stream.of(new Dashboard.Count("active", p.active()),
                        new Dashboard.Count("cancelled", p.cancelled()), new Dashboard.Count("completed", p.completed()),
                        new Dashboard.Count("on_hold", p.onHold()))
                .filter(c -> c.count() > 0).forEach(out::add);
        return out;
    }

    private static String key(String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!KEY.matcher(v).matches()) {
            throw Problems.badRequest("invalid-parameter", what + " is a key: letters, digits, '.', '_' or '-', "
                    + "at most 100 characters.");
        }
        return v;
    }

    /** A project the caller may see, known to the read model. */
    private String visible(String projectId, Actor actor) {
        if (projectId == null || projectId.length() > 64) {
            throw Problems.notFound("project", "There is no such project.");
        }
        String id = projects.load(projectId, actor).id();
        if (!tables.hasProject(id)) {
            throw Problems.notFound("project", "There is no insight for project '" + id + "' yet.");
        }
        return id;
    }

    @Transactional(readOnly = true)
    public ProjectInsight.HealthView health(String projectId, Actor actor) {
        return insight.health(visible(projectId, actor), settings(actor.workspaceId()));
    }

    @Transactional(readOnly = true)
    public ProjectInsight.ForecastView forecast(String projectId, Actor actor) {
        return insight.forecast(visible(projectId, actor), settings(actor.workspaceId()));
    }

    @Transactional(readOnly = true)
    public ProjectInsight.ScheduleView schedule(String projectId, Actor actor) {
        return insight.schedule(visible(projectId, actor));
    }

    @Transactional(readOnly = true)
    public InsightSettings settings(Actor actor) {
        manager(actor);
        return settings(actor.workspaceId());
    }

    @Transactional
    public InsightSettings saveSettings(InsightSettings given, Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins change the insight settings.");
        }
        if (given == null) {
            throw Problems.badRequest("invalid-parameter", "Send the settings: {health: {...}, lateAlertThreshold}.");
        }
        InsightSettings checked = given.checked();
        try {
            tables.saveSettings(actor.workspaceId(), json.writeValueAsString(checked), clock.instant(), actor.username());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return checked;
    }

    InsightSettings settings(String workspaceId) {
        return tables.settingsJson(workspaceId).map(s -> {
            try {
                return json.readValue(s, InsightSettings.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable insight settings of workspace " + workspaceId, e);
            }
        }).orElseGet(InsightSettings::defaults);
    }
}
