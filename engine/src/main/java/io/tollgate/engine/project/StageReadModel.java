package io.tollgate.engine.project;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.project.internal.ProjectStages;
import io.tollgate.engine.project.internal.Projects;
import io.tollgate.engine.workflow.WorkflowEvents;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.store.TemplateStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Keeps projects and their stages in step with the engine, and tells the rest of Tollgate in
 * domain events. Runs inside the engine's transaction, so a screen never sees a stage the engine
 * has not reached, nor the other way round.
 */
@Component
class StageReadModel {

    private final Projects projects;
    private final ProjectStages stages;
    private final TemplateStore templates;
    private final ApplicationEventPublisher events;
    private final CalendarService calendars;

    StageReadModel(Projects projects, ProjectStages stages, TemplateStore templates, ApplicationEventPublisher events,
                   CalendarService calendars) {
        this.calendars = calendars;
        this.projects = projects;
        this.stages = stages;
        this.templates = templates;
        this.events = events;
    }

    @EventListener
    void on(WorkflowEvents.StageStarted e) {
        Project project = project(e.projectId());
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        Duration plan = templates.published(project.workspaceId(), project.templateKey(), project.templateVersion()).template()
                .stage(e.stageKey()).flatMap(s -> Durations.parse(s.duration())).orElse(null);
        int reworks = stage.reworkCount();
        // the due date counts on the workspace's calendar, as the engine's SLA timers do
        if (!stage.start(e.at(), plan == null ? null : calendars.plus(project.workspaceId(), e.at(), plan))) {
            return;
        }
        if (stage.reworkCount() > reworks) {
            events.publishEvent(new ProjectEvents.StageReworked(project.workspaceId(), e.projectId(), e.stageKey(),
                    stage.round(), stage.reworkCount(), e.at()));
        } else {
            events.publishEvent(new ProjectEvents.StageStarted(project.workspaceId(), e.projectId(), e.stageKey(),
                    stage.round(), stage.dueAt(), e.at()));
        }
    }

    @EventListener
    void on(WorkflowEvents.StageEntered e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        if (stage.status() == ProjectStage.Status.APPROVAL) {
            // a rejection looped back into the stage's own work
            stage.rework(e.at());
            events.publishEvent(new ProjectEvents.StageReworked(workspaceOf(e.projectId()), e.projectId(), e.stageKey(),
                    stage.round(), stage.reworkCount(), e.at()));
        }
    }

    @EventListener
    void on(WorkflowEvents.StageOverdue e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        if (stage.markOverdue(e.at())) {
            events.publishEvent(new ProjectEvents.StageOverdue(workspaceOf(e.projectId()), e.projectId(), e.stageKey(),
                    stage.dueAt(), e.at()));
        }
    }

    @EventListener
    void on(WorkflowEvents.StageEscalated e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        if (stage.markEscalated(e.at())) {
            events.publishEvent(new ProjectEvents.StageEscalated(workspaceOf(e.projectId()), e.projectId(), e.stageKey(),
                    stage.dueAt(), e.at()));
        }
    }

    @EventListener
    void on(WorkflowEvents.StageCompleted e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        if (stage.status() == ProjectStage.Status.DONE) {
            // a direct resubmission already finished it when the project jumped back to the gate
            return;
        }
        stage.complete(e.at());
        events.publishEvent(new ProjectEvents.StageCompleted(workspaceOf(e.projectId()), e.projectId(), e.stageKey(), e.at()));
    }

    @EventListener
    void on(WorkflowEvents.StageCancelled e) {
        // a send-back or a migration cancels a stage the project left
        stages.findByProjectIdAndStageKey(e.projectId(), e.stageKey()).ifPresent(ProjectStage::reset);
    }

    @EventListener
    void on(WorkflowEvents.StageSkipped e) {
        stage(e.projectId(), e.stageKey()).skip(e.at());
        events.publishEvent(new ProjectEvents.StageSkipped(workspaceOf(e.projectId()), e.projectId(), e.stageKey(), e.at()));
    }

    @EventListener
    void on(WorkflowEvents.TaskCreated e) {
        if (e.approval()) {
            stage(e.projectId(), e.stageKey()).awaitApproval();
        }
    }

    @EventListener
    void on(WorkflowEvents.ProjectFinished e) {
        Project project = project(e.projectId());
        project.complete(e.at());
        events.publishEvent(new ProjectEvents.ProjectCompleted(project.workspaceId(), project.id(), e.at()));
    }

    private Project project(String id) {
        return projects.findById(id).orElseThrow(() -> new IllegalStateException("No project " + id));
    }

    private String workspaceOf(String projectId) {
        return project(projectId).workspaceId();
    }

    private ProjectStage stage(String projectId, String stageKey) {
        return StagesInTransaction.find(stages, projectId, stageKey).orElseThrow(() -> new IllegalStateException(
                "No stage " + stageKey + " in project " + projectId));
    }
}
