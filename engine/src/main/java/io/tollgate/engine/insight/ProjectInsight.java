package io.tollgate.engine.insight;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.calendar.WorkingTime;
import io.tollgate.engine.module.ModuleService;
import io.tollgate.engine.modules.budget.BudgetSummary;
import io.tollgate.engine.modules.budget.Budgets;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.insight.internal.InsightTables;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.InsightDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One project's schedule network, forecast and health, from its template and the read model. The
 * schedule and forecast count days of the plan as the workspace calendar lays them out; the health
 * counts lateness in working days. A stage's planned length is its template duration.
 */
@Component
public class ProjectInsight {

    /** Runs of the simulation per forecast. */
    static final int RUNS = 2000;
    /** Durations of a stage needed before the forecast trusts them over the prior. */
    static final int MIN_HISTORY = 5;
    /** The most recent durations of a stage the forecast draws from. */
    static final int MAX_HISTORY = 500;
    private static final double DAY_HOURS = 24.0;
    private static final String BUDGET_MODULE = "budget";

    /** A stage of the schedule: plan and actual, in days from the project's start and as instants. */
    public record ScheduledStage(String key, String name, Map<String, String> names, List<String> after, String status, double plannedDays,
                                 double earliestStart, double earliestFinish, double latestStart, double latestFinish,
                                 double floatDays, boolean critical, Instant plannedStart, Instant plannedFinish,
                                 Instant startedAt, Instant dueAt, Instant completedAt) {
    }

    /** The whole schedule: stages in order, the planned length, the critical path, the target date, now. */
    public record ScheduleView(String projectId, String name, Instant startedAt, Instant targetAt, double lengthDays,
                               List<String> criticalPath, List<ScheduledStage> stages, Instant now) {
    }

    /** The forecast of a project as the API tells it. */
    public record ForecastView(String projectId, String status, Instant targetAt, Double probabilityLate, Instant p50At,
                               Instant p85At, double p50Days, double p85Days, int runs, Map<String, Integer> samples,
                               double threshold, boolean alerting, Instant alertedAt) {
    }

    /** The health of a project as the API tells it. */
    public record HealthView(String projectId, int score, String colour, List<HealthScore.Part> parts, String en,
                             String zh) {
    }

    private final InsightTables tables;
    private final ProjectService projects;
    private final CalendarService calendars;
    private final ModuleService modules;
    private final Budgets budgets;
    private final Clock clock;

    ProjectInsight(InsightTables tables, ProjectService projects, CalendarService calendars, ModuleService modules,
                   Budgets budgets, Clock clock) {
        this.tables = tables;
        this.projects = projects;
        this.calendars = calendars;
        this.modules = modules;
        this.budgets = budgets;
        this.clock = clock;
    }

    /** A stage's planned length in days: its template duration, 0 when it has none. */
    static double plannedDays(Stage stage) {
        return Durations.parse(stage.duration()).map(d -> d.toMillis() / 86_400_000.0).orElse(0.0);
    }

    /** The template's network over planned durations; skipped stages last nothing. */
    static Network network(Template template, Map<String, String> status) {
        List<Network.Activity> activities = new ArrayList<>();
        for (Stage s : template.stages()) {
            boolean skipped = "skipped".equals(status.get(s.key()));
            activities.add(new Network.Activity(s.key(), skipped ? 0 : plannedDays(s), new LinkedHashSet<>(template.prerequisites(s))));
        }
        return new Network(activities);
    }

    /** The planned finish of a project that starts now: its critical path laid on the workspace calendar. */
    Instant target(String workspaceId, Template template, Instant start) {
        if (template.stages().stream().allMatch(s -> Durations.parse(s.duration()).isEmpty())) {
            return null;
        }
        double days = network(template, Map.of()).schedule().length();
        return calendars.plus(workspaceId, start, Duration.ofMillis(Math.round(days * 86_400_000.0)));
    }

    ScheduleView schedule(String projectId) {
        InsightTables.ProjectRow project = tables.project(projectId).orElseThrow();
        Template template = projects.template(projectId);
        List<InsightTables.StageRow> rows = tables.stages(projectId);
        Map<String, InsightTables.StageRow> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.stageKey(), r));
        Map<String, String> status = new HashMap<>();
        rows.forEach(r -> status.put(r.stageKey(), r.status()));
        Network.Schedule plan = network(template, status).schedule();
        List<ScheduledStage> out = new ArrayList<>();
        for (Stage s : template.stages()) {
            Network.Timing t = plan.timing(s.key());
            InsightTables.StageRow r = byKey.get(s.key());
            out.add(new ScheduledStage(s.key(), s.label(), s.names(), template.prerequisites(s), r == null ? "waiting" : r.status(),
                    t.days(), t.earliestStart(), t.earliestFinish(), t.latestStart(), t.latestFinish(), t.slack(),
                    t.critical(), at(project, t.earliestStart()), at(project, t.earliestFinish()),
                    r == null ? null : r.firstStartedAt(), r == null ? null : r.dueAt(), r == null ? null : r.completedAt()));
        }
        return new ScheduleView(projectId, project.name(), project.createdAt(), project.targetAt(), plan.length(),
                plan.criticalPath(), out, clock.instant());
    }

    private Instant at(InsightTables.ProjectRow project, double days) {
        return calendars.plus(project.workspaceId(), project.createdAt(), Duration.ofMillis(Math.round(days * 86_400_000.0)));
    }

    /** The forecast: Monte Carlo over the same template's stage durations, seeded by the project for a steady answer. */
    ForecastView forecast(String projectId, InsightSettings settings) {
        InsightTables.ProjectRow project = tables.project(projectId).orElseThrow();
        Template template = projects.template(projectId);
        Instant now = clock.instant();
        List<InsightTables.StageRow> rows = tables.stages(projectId);
        Map<String, String> status = new HashMap<>();
        rows.forEach(r -> status.put(r.stageKey(), r.status()));
        Network network = network(template, status);
        boolean finished = project.status().equals("completed") || project.status().equals("cancelled");
        if (finished) {
            Instant end = project.completedAt() == null ? now : project.completedAt();
            return new ForecastView(projectId, project.status(), project.targetAt(),
                    project.targetAt() == null || project.completedAt() == null ? null
                            : project.completedAt().isAfter(project.targetAt()) ? 1.0 : 0.0,
                    end, end, 0, 0, 0, Map.of(), settings.lateAlertThreshold(), false, project.lateAlertAt());
        }
        Map<String, Forecast.StageInput> inputs = new LinkedHashMap<>();
        for (InsightTables.StageRow r : rows) {
            Stage stage = template.stage(r.stageKey()).orElse(null);
            if (stage == null) {
                continue;
            }
            Forecast.State state = switch (r.status()) {
                case "done" -> Forecast.State.DONE;
                case "skipped" -> Forecast.State.SKIPPED;
                case "running" -> Forecast.State.RUNNING;
                default -> Forecast.State.PENDING;
            };
            double elapsed = r.firstStartedAt() == null ? 0 : InsightTables.hours(r.firstStartedAt(), now) / DAY_HOURS;
            List<Double> history = state == Forecast.State.DONE || state == Forecast.State.SKIPPED ? List.of()
                    : tables.history(project.workspaceId(), project.templateKey(), r.stageKey(), projectId, MAX_HISTORY);
            inputs.put(r.stageKey(), new Forecast.StageInput(r.stageKey(), state, plannedDays(stage), elapsed, history));
        }
        double targetDays = project.targetAt() == null ? Double.MAX_VALUE
                : InsightTables.hours(now, project.targetAt()) / DAY_HOURS;
        Forecast.Result result = Forecast.simulate(network, inputs, targetDays, RUNS, projectId.hashCode(), MIN_HISTORY);
        Map<String, Integer> samples = new LinkedHashMap<>();
        inputs.forEach((k, v) -> {
            if (v.state() == Forecast.State.RUNNING || v.state() == Forecast.State.PENDING) {
                samples.put(k, result.history().getOrDefault(k, 0));
            }
        });
        Double chance = project.targetAt() == null ? null : result.probabilityLate();
        return new ForecastView(projectId, project.status(), project.targetAt(), chance, plus(now, result.p50Days()),
                plus(now, result.p85Days()), round(result.p50Days()), round(result.p85Days()), result.runs(), samples,
                settings.lateAlertThreshold(), chance != null && chance > settings.lateAlertThreshold(), project.lateAlertAt());
    }

    /**
     * Whether the forecast rests on evidence rather than on the prior alone: a stage still to go draws
     * from history, or a stage is (or finished) past its due date. A plan's own optimism never alerts.
     */
    boolean evidenced(String projectId, ForecastView forecast) {
        if (forecast.samples().values().stream().anyMatch(n -> n > 0)) {
            return true;
        }
        Instant now = clock.instant();
        return tables.stages(projectId).stream()
                .anyMatch(s -> s.dueAt() != null && (s.status().equals("running") && s.dueAt().isBefore(now)
                        || s.status().equals("done") && s.completedAt() != null && s.completedAt().isAfter(s.dueAt())));
    }

    HealthView health(String projectId, InsightSettings settings) {
        InsightTables.ProjectRow project = tables.project(projectId).orElseThrow();
        Instant now = clock.instant();
        WorkingTime time = calendars.time(project.workspaceId());
        List<HealthScore.LateStage> late = new ArrayList<>();
        if (project.status().equals("active") || project.status().equals("on_hold")) {
            for (InsightTables.StageRow s : tables.stages(projectId)) {
                if (s.status().equals("running") && s.dueAt() != null && s.dueAt().isBefore(now)) {
                    late.add(new HealthScore.LateStage(s.name(), tenths(time.workingDaysBetween(s.dueAt(), now))));
                }
            }
        }
        double forecastLate = 0;
        if (project.status().equals("active") && project.targetAt() != null) {
            ForecastView f = forecast(projectId, settings);
            forecastLate = tenths(time.workingDaysBetween(project.targetAt(), f.p50At()));
        }
        List<String> lapsed = projects.conditionsOf(projectId).stream().filter(c -> c.status(now).equals("lapsed"))
                .map(c -> c.text()).toList();
        HealthScore.Score score = HealthScore.of(new HealthScore.Facts(late, forecastLate, budget(project),
                project.reworkCount(), lapsed), settings.health());
        return new HealthView(projectId, score.score(), score.colour(), score.parts(), score.en(), score.zh());
    }

    /**
     * The project's budget: the budget module's plan and actual cost where the workspace has it on;
     * otherwise the money fields the template's {@code insight} section names; null when neither says.
     */
    HealthScore.Budget budget(InsightTables.ProjectRow project) {
        if (modules.enabled(project.workspaceId(), BUDGET_MODULE)) {
            BudgetSummary summary = budgets.summary(project.projectId());
            return summary.planned().signum() > 0 ? new HealthScore.Budget(summary.planned(), summary.actual()) : null;
        }
        ProjectContext context = projects.context(project.projectId());
        InsightDef insight = context.template().insight();
        if (insight == null || insight.budgetField() == null || insight.actualField() == null) {
            return null;
        }
        BigDecimal planned = money(context.fields().get(insight.budgetField()));
        BigDecimal actual = money(context.fields().get(insight.actualField()));
        return planned == null || actual == null || planned.signum() <= 0 ? null : new HealthScore.Budget(planned, actual);
    }

    private static BigDecimal money(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Down to a tenth of a day: a stage 2.96 days late is 2.9 days late, not 3. */
    private static double tenths(double days) {
        return Math.max(0, Math.floor(days * 10) / 10);
    }

    private static Instant plus(Instant now, double days) {
        return now.plusMillis(Math.round(days * 86_400_000.0));
    }

    private static double round(double days) {
        return Math.round(days * 100) / 100.0;
    }
}
