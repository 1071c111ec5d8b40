package io.tollgate.engine.work;

import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.work.internal.WorkItems;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The work done in projects imported from an earlier tool, kept as done work items in the import's transaction. */
@Component
class ImportedWork {

    private final WorkItems items;

    ImportedWork(WorkItems items) {
        this.items = items;
    }

    @EventListener
    void on(ProjectEvents.HistoryImported e) {
        List<WorkItem> done = new ArrayList<>();
        for (ProjectEvents.ImportedProject p : e.projects()) {
            for (ProjectEvents.ImportedWork w : p.work()) {
                done.add(WorkItem.done(UUID.randomUUID().toString(), p.projectId(), w.stageKey(),
                        w.approval() ? WorkItem.Kind.APPROVAL : WorkItem.Kind.TASK, w.itemKey(), w.name(), w.user(),
                        w.openedAt(), w.completedAt()));
            }
        }
        items.saveAll(done);
        items.flush();
    }
}
