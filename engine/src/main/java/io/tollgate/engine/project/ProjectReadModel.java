package io.tollgate.engine.project;

import io.tollgate.engine.workflow.WorkflowEvents;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.store.TemplateStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps stages and work items in step with the engine. Runs inside the engine's transaction, so a
 * screen never sees a stage the engine has not reached, nor the other way round.
 */
@Component
class ProjectReadModel {

    private final Projects projects;
    private final ProjectStages stages;
    private final WorkItems items;
    private final TemplateStore templates;

    ProjectReadModel(Projects projects, ProjectStages stages, WorkItems items, TemplateStore templates) {
        this.projects = projects;
        this.stages = stages;
        this.items = items;
        this.templates = templates;
    }

    @EventListener
    void on(WorkflowEvents.StageStarted e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        Template template = template(e.projectId());
        Duration plan = template.stage(e.stageKey()).flatMap(s -> Durations.parse(s.duration())).orElse(null);
        stage.start(e.at(), plan);
        // work done in an earlier round waits to be done again; open work stays open
        items.findByProjectIdAndStageKey(e.projectId(), e.stageKey()).stream()
                .filter(w -> w.status() != WorkItem.Status.OPEN).forEach(WorkItem::resetToWaiting);
    }

    @EventListener
    void on(WorkflowEvents.StageOverdue e) {
        stage(e.projectId(), e.stageKey()).markOverdue(e.at());
    }

    @EventListener
    void on(WorkflowEvents.StageEscalated e) {
        stage(e.projectId(), e.stageKey()).markEscalated(e.at());
    }

    @EventListener
    void on(WorkflowEvents.StageEntered e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        if (stage.status() == ProjectStage.Status.APPROVAL) {
            stage.rework(e.at());
            items.findByProjectIdAndStageKey(e.projectId(), e.stageKey()).forEach(WorkItem::resetToWaiting);
        }
    }

    @EventListener
    void on(WorkflowEvents.StageCompleted e) {
        stage(e.projectId(), e.stageKey()).complete(e.at());
    }

    @EventListener
    void on(WorkflowEvents.StageCancelled e) {
        // a migration may cancel a stage the new version renamed or dropped
        stages.findByProjectIdAndStageKey(e.projectId(), e.stageKey()).ifPresent(ProjectStage::reset);
    }

    @EventListener
    void on(WorkflowEvents.StageSkipped e) {
        stage(e.projectId(), e.stageKey()).skip(e.at());
    }

    @EventListener
    void on(WorkflowEvents.TaskCreated e) {
        ProjectStage stage = stage(e.projectId(), e.stageKey());
        if (e.approval()) {
            stage.awaitApproval();
            WorkItem approval = new WorkItem(java.util.UUID.randomUUID().toString(), e.projectId(), e.stageKey(),
                    WorkItem.Kind.APPROVAL, e.stageKey(), "Approve " + stage.name(),
                    e.assignee() == null ? Set.of() : Set.of("user:" + e.assignee()), e.at());
            approval.open(e.engineTaskId(), e.assignee(), stage.round(), e.at(), stage.dueAt());
            items.save(approval);
            return;
        }
        WorkItem task = items.findByProjectIdAndStageKeyAndKindAndItemKey(e.projectId(), e.stageKey(),
                WorkItem.Kind.TASK, e.taskKey()).orElseThrow(() -> new IllegalStateException(
                "No work item for task " + e.taskKey() + " of stage " + e.stageKey() + " in project " + e.projectId()));
        Instant due = template(e.projectId()).stage(e.stageKey()).flatMap(s -> s.task(e.taskKey()))
                .flatMap(t -> Durations.parse(t.duration())).map(e.at()::plus).orElse(stage.dueAt());
        task.open(e.engineTaskId(), e.assignee(), stage.round(), e.at(), due);
    }

    @EventListener
    void on(WorkflowEvents.TaskAssigned e) {
        items.findByEngineTaskId(e.engineTaskId()).ifPresent(w -> w.assign(e.assignee()));
    }

    @EventListener
    void on(WorkflowEvents.TaskEnded e) {
        if (!e.completed()) {
            items.findByEngineTaskId(e.engineTaskId()).ifPresent(WorkItem::withdraw);
        }
    }

    @EventListener
    void on(WorkflowEvents.ProjectFinished e) {
        projects.findById(e.projectId()).ifPresent(p -> p.complete(e.at()));
    }

    private ProjectStage stage(String projectId, String stageKey) {
        return stages.findByProjectIdAndStageKey(projectId, stageKey).orElseThrow(() -> new IllegalStateException(
                "No stage " + stageKey + " in project " + projectId));
    }

    private Template template(String projectId) {
        Project p = projects.findById(projectId).orElseThrow(() -> new IllegalStateException("No project " + projectId));
        return templates.published(p.templateKey(), p.templateVersion()).template();
    }
}
