package io.tollgate.engine.work;

import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.Stage;

import java.util.List;

/**
 * What the gate says when completing the last task would finish a stage that has no approval: the
 * criteria that still block it, and whether a direct resubmission takes the project elsewhere.
 */
public interface GateKeeper {

    /** The gate's criteria, other than open tasks, that are not met with these values. */
    List<Problems.Unmet> unmetToPass(ProjectContext project, Stage stage, List<WorkItem> stageItems);

    /**
     * Called just before the step that finishes {@code stageKey}; answers true when the gate took the
     * project elsewhere, and the engine's step must then not be completed.
     */
    boolean divertFinish(ProjectContext project, String stageKey);

    /**
     * Takes back {@code user}'s decision on a parallel approval while its gate is still open: the
     * vote no longer counts and the approval opens for them again. Refuses, as a problem, what cannot
     * be taken back.
     */
    void withdrawDecision(ProjectContext project, WorkItem item, String user);
}
