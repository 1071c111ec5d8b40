package io.tollgate.engine.gate;

import io.tollgate.modeler.model.Criterion;

/**
 * A gate criterion kind a module judges ({@code noOpenHighRisk}, {@code releaseReady}): the module
 * provides a bean of this type, and the gate evaluator asks it about one project's stage. Modules
 * depend on gates, never the other way round.
 */
public interface ModuleCriterion {

    /** The kind it judges. */
    Criterion.ModuleKind kind();

    /** Whether the criterion holds for the project at this stage, and in words why or why not. */
    Judgement judge(String projectId, String stageKey);

    /** The answer: met or not, and a sentence for the checklist and the 409's {@code unmet} list. */
    record Judgement(boolean met, String message) {
    }
}
