package io.tollgate.engine.work;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.project.ProjectViewParts;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.work.internal.WorkItems;
import io.tollgate.engine.workflow.WorkflowEvents;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps work items in step with projects and the engine's user tasks, in the same transaction,
 * and contributes each stage's tasks to the project view.
 */
@Component
class WorkReadModel implements ProjectViewParts {

    private final WorkItems items;
    private final ProjectService projects;
    private final StageService stages;

    private final AbsenceService absences;

    private final CalendarService calendars;

    private final ImportedTasks imported;

    WorkReadModel(WorkItems items, ProjectService projects, StageService stages, AbsenceService absences,
                  CalendarService calendars, ImportedTasks imported) {
        this.imported = imported;
        this.absences = absences;
        this.calendars = calendars;
        this.items = items;
        this.projects = projects;
        this.stages = stages;
    }

    /** Every task exists from the project's start, waiting until its stage and prerequisites open it. */
    @EventListener
    void on(ProjectEvents.ProjectCreated e) {
        Template template = projects.template(e.projectId());
        for (Stage stage : template.stages()) {
            for (TaskDef task : stage.tasks()) {
                items.save(new WorkItem(UUID.randomUUID().toString(), e.projectId(), stage.key(), WorkItem.Kind.TASK,
                        task.key(), task.label(), WorkService.candidates(task.assignee(), e.roles()), e.at()));
            }
        }
        items.flush();
    }

    @EventListener
    void on(ProjectEvents.ProjectCancelled e) {
        items.findByProjectIdOrderByCreatedAt(e.projectId()).stream()
                .filter(w -> w.status() == WorkItem.Status.OPEN).forEach(WorkItem::withdraw);
    }

    /** Work done in an earlier round waits to be done again; open work stays open. */
    @EventListener
    void on(ProjectEvents.StageStarted e) {
        restart(e.projectId(), e.stageKey());
        imported.openReady(e.projectId(), e.workspaceId(), e.at());
    }

    @EventListener
    void on(ProjectEvents.StageReworked e) {
        restart(e.projectId(), e.stageKey());
        imported.openReady(e.projectId(), e.workspaceId(), e.at());
    }

    private void restart(String projectId, String stageKey) {
        items.findByProjectIdAndStageKey(projectId, stageKey).stream()
                .filter(w -> w.status() != WorkItem.Status.OPEN).forEach(WorkItem::resetToWaiting);
    }

    @EventListener
    void on(WorkflowEvents.TaskCreated e) {
        ProjectStage stage = stages.stage(e.projectId(), e.stageKey());
        if (e.approval()) {
            WorkItem approval = new WorkItem(UUID.randomUUID().toString(), e.projectId(), e.stageKey(),
                    WorkItem.Kind.APPROVAL, e.stageKey(), "Approve " + stage.name(),
                    e.assignee() == null ? Set.of() : Set.of("user:" + e.assignee()), e.at());
            approval.open(e.engineTaskId(), e.assignee(), stage.round(), e.at(), stage.dueAt());
            items.save(approval);
            items.flush();
            absences.standIn(approval, projects.context(e.projectId()).workspaceId(), e.at());
            return;
        }
        WorkItem task = items.findByProjectIdAndStageKeyAndKindAndItemKey(e.projectId(), e.stageKey(),
                WorkItem.Kind.TASK, e.taskKey()).orElseThrow(() -> new IllegalStateException(
                "No work item for task " + e.taskKey() + " of stage " + e.stageKey() + " in project " + e.projectId()));
        String workspace = projects.context(e.projectId()).workspaceId();
        Instant due = projects.template(e.projectId()).stage(e.stageKey()).flatMap(s -> s.task(e.taskKey()))
                .flatMap(t -> Durations.parse(t.duration())).map(d -> calendars.plus(workspace, e.at(), d))
                .orElse(stage.dueAt());
        task.open(e.engineTaskId(), e.assignee(), stage.round(), e.at(), due);
        absences.standIn(task, projects.context(e.projectId()).workspaceId(), e.at());
    }

    @EventListener
    void on(WorkflowEvents.TaskAssigned e) {
        items.findByEngineTaskId(e.engineTaskId()).ifPresent(w -> w.assign(e.assignee()));
    }

    /** Removed by the engine without being completed: quorum reached, sent back, project cancelled. */
    @EventListener
    void on(WorkflowEvents.TaskEnded e) {
        if (!e.completed()) {
            items.findByEngineTaskId(e.engineTaskId()).filter(w -> w.status() == WorkItem.Status.OPEN)
                    .ifPresent(WorkItem::withdraw);
        }
    }

    @Override
    public Map<String, List<ProjectView.TaskView>> tasks(ProjectContext project) {
        Map<String, List<ProjectView.TaskView>> out = new LinkedHashMap<>();
        List<WorkItem> all = items.findByProjectIdOrderByCreatedAt(project.id());
        for (Stage stage : project.template().stages()) {
            List<String> order = stage.tasks().stream().map(TaskDef::key).toList();
            out.put(stage.key(), all.stream()
                    .filter(w -> w.kind() == WorkItem.Kind.TASK && w.stageKey().equals(stage.key()))
                    // imported tasks follow the template's, in the order they were imported
                    .sorted(Comparator.comparingInt((WorkItem w) -> w.imported() ? order.size() : order.indexOf(w.itemKey()))
                            .thenComparing(WorkItem::createdAt).thenComparingInt(WorkReadModel::importedRow))
                    .map(WorkReadModel::taskView).toList());
        }
        return out;
    }

    /** The file row an imported task came from (the end of its key), so one import lists in file order. */
    private static int importedRow(WorkItem w) {
        String key = w.itemKey();
        String tail = key.substring(key.lastIndexOf('-') + 1);
        return w.imported() && tail.matches("\\d{1,7}") ? Integer.parseInt(tail) : 0;
    }

    static ProjectView.TaskView taskView(WorkItem w) {
        List<String> candidates = w.candidates().stream().sorted().toList();
        return new ProjectView.TaskView(w.id(), w.itemKey(), w.name(), w.assignee() != null ? w.assignee()
                : candidates.size() == 1 ? candidates.get(0).substring(candidates.get(0).indexOf(':') + 1) : null,
                candidates, WorkService.lower(w.status().name()), w.dueAt(), w.completedAt(), w.completedBy(),
                w.onBehalfOf(), w.imported());
    }
}
