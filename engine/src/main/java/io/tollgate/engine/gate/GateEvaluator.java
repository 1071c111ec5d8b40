package io.tollgate.engine.gate;

import io.tollgate.engine.gate.internal.Waivers;
import io.tollgate.engine.project.ProjectCondition;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.work.WorkItem;

import io.tollgate.modeler.expression.ExpressionException;
import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.FieldValues;
import io.tollgate.modeler.validation.SandboxedExpressions;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a gate in one pass: required stage fields, the criteria the template names, expressions
 * in the sandbox, lapsed conditions of earlier conditional gos (where the gate blocks on them), and
 * the waivers in force. The same answer feeds the project page's checklist and every 409's
 * {@code unmet} list, in words.
 */
@Component
class GateEvaluator {

    private final ExpressionSandbox sandbox;
    private final Waivers waivers;
    private final ProjectService projects;
    private final Clock clock;
    private final Map<Criterion.ModuleKind, ModuleCriterion> moduleCriteria;

    GateEvaluator(ExpressionSandbox sandbox, Waivers waivers, ProjectService projects, Clock clock,
                  List<ModuleCriterion> moduleCriteria) {
        this.sandbox = sandbox;
        this.waivers = waivers;
        this.projects = projects;
        this.clock = clock;
        this.moduleCriteria = moduleCriteria.stream().collect(Collectors.toMap(ModuleCriterion::kind, m -> m));
    }

    /** Every criterion of the stage's gate, met or not, with the project's waivers and conditions applied. */
    List<ProjectView.CriterionView> evaluate(ProjectContext project, Stage stage, Map<String, Object> fields,
                                             List<WorkItem> stageItems) {
        return evaluate(project, stage, fields, stageItems,
                waivers.findByProjectIdAndStageKeyOrderByRequestedAtAscIdAsc(project.id(), stage.key()));
    }

    /** The same, with the stage's waivers already read (a caller judging every stage reads them once). */
    List<ProjectView.CriterionView> evaluate(ProjectContext project, Stage stage, Map<String, Object> fields,
                                             List<WorkItem> stageItems, List<GateWaiver> stageWaivers) {
        Instant now = clock.instant();
        List<ProjectView.CriterionView> out = new ArrayList<>(evaluate(project.id(), project.template(), stage, fields, stageItems));
        if (stage.gate() != null && stage.gate().blockOnLapsedConditions()) {
            for (ProjectCondition c : projects.conditionsOf(project.id())) {
                if (c.lapsedAt(now) && !c.stageKey().equals(stage.key())) {
                    String stageName = project.template().stage(c.stageKey()).map(Stage::label).orElse(c.stageKey());
                    out.add(new ProjectView.CriterionView("condition", "condition:" + c.id(), "Condition '" + c.text()
                            + "' of the conditional go at '" + stageName + "' (for " + c.owner() + ") was due at "
                            + c.dueAt() + " and is not met.", false));
                }
            }
        }
        List<GateWaiver> inForce = stageWaivers.stream().filter(w -> w.inForceAt(now)).toList();
        if (inForce.isEmpty()) {
            return out;
        }
        List<ProjectView.CriterionView> waived = new ArrayList<>();
        for (ProjectView.CriterionView c : out) {
            GateWaiver w = c.met() ? null : inForce.stream().filter(x -> x.criterion().equals(c.key())).findFirst().orElse(null);
            waived.add(w == null ? c : new ProjectView.CriterionView(c.kind(), c.key(), c.message() + " Waived by "
                    + w.decidedBy() + " until " + w.expiresAt() + ": " + w.reason(), true));
        }
        return waived;
    }

    /** The criteria the template, the fields and the modules' criteria decide. */
    List<ProjectView.CriterionView> evaluate(String projectId, Template template, Stage stage, Map<String, Object> fields,
                                             List<WorkItem> stageItems) {
        List<ProjectView.CriterionView> out = new ArrayList<>();
        Set<String> explicitFields = stage.gate() == null ? Set.of() : stage.gate().criteria().stream()
                .filter(c -> c instanceof Criterion.FieldFilled).map(c -> ((Criterion.FieldFilled) c).field())
                .collect(Collectors.toSet());
        for (FieldDef f : stage.fields()) {
            if (f.required() && !explicitFields.contains(f.key())) {
                out.add(field(template, f.key(), fields));
            }
        }
        // tasks imported into the running project hold the gate whatever the template says
        stageItems.stream().filter(w -> w.imported() && w.status() != WorkItem.Status.DONE).forEach(w -> out.add(
                new ProjectView.CriterionView("extraTask", w.itemKey(), "Imported task '" + w.name() + "' (for "
                        + w.assignee() + ") is not done.", false)));
        if (stage.gate() == null) {
            return out;
        }
        int index = 0;
        for (Criterion c : stage.gate().criteria()) {
            if (c instanceof Criterion.FieldFilled ff) {
                out.add(field(template, ff.field(), fields));
            } else if (c instanceof Criterion.AllTasksDone) {
                List<String> open = stageItems.stream()
                        .filter(w -> w.kind() == WorkItem.Kind.TASK && !w.imported() && w.status() != WorkItem.Status.DONE)
                        .map(WorkItem::name).toList();
                out.add(new ProjectView.CriterionView("tasks", "tasks", open.isEmpty() ? "All tasks are done."
                        : "Tasks not done: " + String.join(", ", open) + ".", open.isEmpty()));
            } else if (c instanceof Criterion.Expression e) {
                boolean met;
                String message = e.message();
                try {
                    met = sandbox.test(e.expression(), SandboxedExpressions.types(template.fieldTypes()), FieldValues.forExpressions(template, fields));
                } catch (ExpressionException ex) {
                    met = false;
                    message = e.message() + " (" + ex.getMessage() + ")";
                } catch (RuntimeException ex) {
                    // a value the expression cannot read, e.g. a malformed date: say so, never the exception
                    met = false;
                    message = e.message() + " (it cannot be evaluated with the current values)";
                }
                out.add(new ProjectView.CriterionView("expression", "expression" + index, message, met));
            } else if (c instanceof Criterion.ModuleCheck m) {
                ModuleCriterion judge = moduleCriteria.get(m.kind());
                ModuleCriterion.Judgement j = judge == null
                        ? new ModuleCriterion.Judgement(false, "The module '" + m.kind().module() + "' that judges '"
                                + m.kind().key() + "' is not installed.")
                        : judge.judge(projectId, stage.key());
                out.add(new ProjectView.CriterionView(m.kind().key(), m.kind().key(), j.message(), j.met()));
            } else {
                throw new IllegalStateException("Unknown criterion " + c);
            }
            index++;
        }
        return out;
    }

    private static ProjectView.CriterionView field(Template template, String key, Map<String, Object> fields) {
        String label = template.field(key).map(FieldDef::label).orElse(key);
        boolean met = !FieldValues.isEmpty(fields.get(key));
        return new ProjectView.CriterionView("field", key, met ? label + " is filled." : label + " must be filled.", met);
    }
}
