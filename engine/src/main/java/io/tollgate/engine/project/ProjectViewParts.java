package io.tollgate.engine.project;

import java.util.List;
import java.util.Map;

/**
 * The parts of a project's view that other features own: the tasks of each stage (work) and the
 * state of each gate (gate). Each feature contributes its parts; the project assembles the view
 * without depending on them.
 */
public interface ProjectViewParts {

    /** Tasks by stage key, in the template's order. */
    default Map<String, List<ProjectView.TaskView>> tasks(ProjectContext project) {
        return Map.of();
    }

    /** Gate state by stage key, for stages that have a gate or required fields. */
    default Map<String, ProjectView.GateView> gates(ProjectContext project) {
        return Map.of();
    }
}
