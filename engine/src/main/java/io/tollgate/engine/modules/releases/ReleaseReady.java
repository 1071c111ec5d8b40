package io.tollgate.engine.modules.releases;

import io.tollgate.engine.gate.ModuleCriterion;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.Stage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The gate criterion {@code releaseReady}: every release linked to the stage (or one of its tasks)
 * is marked ready; when none is linked, some release of the project is.
 */
@Component
class ReleaseReady implements ModuleCriterion {

    private final ReleaseBook book;
    private final ProjectService projects;

    ReleaseReady(ReleaseBook book, ProjectService projects) {
        this.book = book;
        this.projects = projects;
    }

    @Override
    public Criterion.ModuleKind kind() {
        return Criterion.ModuleKind.RELEASE_READY;
    }

    @Override
    @Transactional(readOnly = true)
    public Judgement judge(String projectId, String stageKey) {
        Stage stage = projects.context(projectId).template().stage(stageKey).orElse(null);
        List<ProjectRelease> linked = stage == null ? List.of() : book.linkedTo(projectId, stage);
        if (!linked.isEmpty()) {
            List<String> notReady = linked.stream().filter(r -> !r.ready()).map(ProjectRelease::version).toList();
            return notReady.isEmpty() ? new Judgement(true, "Release " + linked.get(0).version() + " is marked ready.")
                    : new Judgement(false, "Releases not marked ready: " + String.join(", ", notReady) + ".");
        }
        return book.all(projectId).stream().filter(ProjectRelease::ready).findFirst()
                .map(r -> new Judgement(true, "Release " + r.version() + " is marked ready."))
                .orElseGet(() -> new Judgement(false, "No release of the project is marked ready."));
    }
}
