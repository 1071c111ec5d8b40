package io.tollgate.engine.insight;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.gate.GateEvents;
import io.tollgate.engine.insight.internal.InsightTables;
import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.work.WorkEvents;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the dashboard's tables from domain events, in the transaction of each change, as the
 * project's own read model does: the dashboard never lags behind the projects and never reads the
 * engine's history. After a change that moves a project's finish it checks the forecast and raises
 * the late alert once, when the chance of lateness passes the workspace's threshold.
 */
@Component
class InsightReadModel {

    private final InsightTables tables;
    private final ProjectService projects;
    private final ProjectInsight insight;
    private final InsightService service;
    private final CalendarService calendars;
    private final ApplicationEventPublisher events;

    InsightReadModel(InsightTables tables, ProjectService projects, ProjectInsight insight, InsightService service,
                     CalendarService calendars, ApplicationEventPublisher events) {
        this.tables = tables;
        this.projects = projects;
        this.insight = insight;
        this.service = service;
        this.calendars = calendars;
        this.events = events;
    }

    @EventListener
    void on(ProjectEvents.ProjectCreated e) {
        Template template = projects.template(e.projectId());
        tables.insertProject(e.projectId(), e.workspaceId(), e.templateKey(), e.name(), e.at(),
                insight.target(e.workspaceId(), template, e.at()));
        tables.insertStages(e.projectId(), e.workspaceId(), e.templateKey(), e.at(),
                template.stages().stream().map(Stage::key).toList(), template.stages().stream().map(Stage::label).toList());
    }

    @EventListener
    void on(ProjectEvents.StageStarted e) {
        tables.stageStarted(e.projectId(), e.stageKey(), e.at(), e.dueAt(), null);
        checkLateness(e.workspaceId(), e.projectId(), e.at());
    }

    @EventListener
    void on(ProjectEvents.StageReworked e) {
        Template template = projects.template(e.projectId());
        Instant due = template.stage(e.stageKey()).flatMap(s -> Durations.parse(s.duration()))
                .map(d -> calendars.plus(e.workspaceId(), e.at(), d)).orElse(null);
        tables.stageStarted(e.projectId(), e.stageKey(), e.at(), due, e.reworkCount());
        // a send-back leaves the stages after the one reworked: they wait for it again
        Set<String> after = template.stagesAfter(e.stageKey());
        tables.stagesWaiting(e.projectId(), after);
        tables.projectReworked(e.projectId());
        checkLateness(e.workspaceId(), e.projectId(), e.at());
    }

    /**
     * A stage's gate passed. A stage it waits for that still runs here was resubmitted straight to
     * this gate after a send-back: its work ended when its last task was done.
     */
    @EventListener
    void on(ProjectEvents.StageCompleted e) {
        Set<String> before = projects.template(e.projectId()).stagesBefore(e.stageKey());
        for (InsightTables.StageRow s : tables.stages(e.projectId())) {
            if (before.contains(s.stageKey()) && s.status().equals("running")) {
                tables.stageCompleted(e.projectId(), s.stageKey(), s.gateOpenedAt() == null ? e.at() : s.gateOpenedAt());
            }
        }
        tables.stagePassed(e.projectId(), e.stageKey(), e.at());
    }

    @EventListener
    void on(ProjectEvents.StageSkipped e) {
        tables.stageSkipped(e.projectId(), e.stageKey(), e.at());
    }

    @EventListener
    void on(ProjectEvents.StageOverdue e) {
        checkLateness(e.workspaceId(), e.projectId(), e.at());
    }

    @EventListener
    void on(ProjectEvents.ProjectCompleted e) {
        LocalDate week = e.at().atZone(calendars.time(e.workspaceId()).zone()).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        tables.projectCompleted(e.projectId(), e.at(), week);
    }

    @EventListener
    void on(ProjectEvents.ProjectCancelled e) {
        tables.projectStatus(e.projectId(), "cancelled");
    }

    @EventListener
    void on(ProjectEvents.ProjectKilled e) {
        tables.projectStatus(e.projectId(), "cancelled");
    }

    @EventListener
    void on(ProjectEvents.ProjectHeld e) {
        tables.projectStatus(e.projectId(), "on_hold");
    }

    @EventListener
    void on(ProjectEvents.ProjectResumed e) {
        tables.projectStatus(e.projectId(), "active");
        tables.targetMoved(e.projectId(), e.held());
    }

    /** A task's handling time runs from its stage's round start; the gate opens with the round's last task. */
    @EventListener
    void on(WorkEvents.TaskCompleted e) {
        tables.project(e.projectId()).ifPresent(p -> {
            Instant from = tables.stages(e.projectId()).stream().filter(s -> s.stageKey().equals(e.stageKey()))
                    .map(InsightTables.StageRow::roundStartedAt).filter(t -> t != null).findFirst().orElse(e.at());
            tables.workDone(UUID.randomUUID().toString(), e.workspaceId(), e.projectId(), p.templateKey(), e.stageKey(),
                    e.user(), "task", e.at(), InsightTables.hours(from, e.at()));
            tables.taskDone(e.projectId(), e.stageKey(), e.at());
        });
    }

    /** A decision's handling time runs from when its gate opened; a recycle counts against the gate. */
    @EventListener
    void on(GateEvents.GateDecided e) {
        tables.project(e.projectId()).ifPresent(p -> {
            Instant from = tables.stages(e.projectId()).stream().filter(s -> s.stageKey().equals(e.stageKey()))
                    .map(InsightTables.StageRow::gateOpenedAt).filter(t -> t != null).findFirst().orElse(e.at());
            tables.workDone(UUID.randomUUID().toString(), e.workspaceId(), e.projectId(), p.templateKey(), e.stageKey(),
                    e.user(), "approval", e.at(), InsightTables.hours(from, e.at()));
            if (e.outcome().equals("recycle")) {
                tables.gateRecycled(e.projectId(), e.stageKey());
            }
        });
    }

    @EventListener
    void on(WorkEvents.WorkWithdrawn e) {
        tables.workWithdrawn(e.projectId(), e.stageKey(), e.user(), e.approval() ? "approval" : "task");
    }

    private void checkLateness(String workspaceId, String projectId, Instant at) {
        InsightTables.ProjectRow project = tables.project(projectId).orElse(null);
        if (project == null || project.lateAlertAt() != null || !project.status().equals("active")
                || project.targetAt() == null) {
            return;
        }
        InsightSettings settings = service.settings(workspaceId);
        ProjectInsight.ForecastView forecast = insight.forecast(projectId, settings);
        if (forecast.alerting() && insight.evidenced(projectId, forecast) && tables.markLateAlert(projectId, at)) {
            events.publishEvent(new InsightEvents.LateRiskRaised(workspaceId, projectId, forecast.probabilityLate(),
                    settings.lateAlertThreshold(), project.targetAt(), forecast.p85At(), at));
        }
    }
}
