package io.tollgate.engine.work;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.work.internal.WorkItems;
import io.tollgate.modeler.model.Durations;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens imported tasks when they can be done: their stage is running (active or in approval) and
 * the imported tasks they wait for are done. Their due date is the planned duration on the
 * workspace's working-time calendar from the moment they open, or the stage's due date.
 */
@Component
class ImportedTasks {

    private final WorkItems items;
    private final StageService stages;
    private final CalendarService calendars;
    private final AbsenceService absences;

    ImportedTasks(WorkItems items, StageService stages, CalendarService calendars, AbsenceService absences) {
        this.items = items;
        this.stages = stages;
        this.calendars = calendars;
        this.absences = absences;
    }

    /** Opens every imported task of the project that may open now; answers those opened. */
    List<WorkItem> openReady(String projectId, String workspaceId, Instant at) {
        List<WorkItem> all = items.findByProjectIdOrderByCreatedAt(projectId);
        Set<String> done = all.stream().filter(w -> w.status() == WorkItem.Status.DONE).map(WorkItem::itemKey)
                .collect(Collectors.toSet());
        Map<String, ProjectStage> rows = stages.byKey(projectId);
        List<WorkItem> ready = all.stream().filter(w -> w.imported() && w.status() == WorkItem.Status.WAITING)
                .filter(w -> running(rows.get(w.stageKey())) && done.containsAll(w.requires())).toList();
        for (WorkItem w : ready) {
            ProjectStage stage = rows.get(w.stageKey());
            w.openImported(stage.round(), at, dueAt(workspaceId, w.plannedDuration(), at, stage.dueAt()));
            absences.standIn(w, workspaceId, at);
        }
        items.flush();
        return ready;
    }

    /** When a task of this duration that opens at {@code at} is due. */
    Instant dueAt(String workspaceId, String duration, Instant at, Instant stageDue) {
        return Durations.parse(duration).map(d -> calendars.plus(workspaceId, at, d)).orElse(stageDue);
    }

    static boolean running(ProjectStage stage) {
        return stage != null && (stage.status() == ProjectStage.Status.ACTIVE || stage.status() == ProjectStage.Status.APPROVAL);
    }
}
