package io.tollgate.engine.workflow;

import io.tollgate.modeler.compiler.BpmnIds;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowElementsContainer;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.ProcessMigrationService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.migration.ActivityMigrationMapping;
import org.flowable.engine.migration.ProcessInstanceMigrationBuilder;
import org.flowable.engine.runtime.Execution;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the other features may ask of the process engine, in Tollgate's words: start a project,
 * complete its work, count votes, send it back, migrate it. Only this class knows the compiled
 * BPMN's ids and variables. A project's process instance has the project's id, so nothing needs a
 * mapping table.
 */
@Service
public class Workflow {

    /** Words of the boundary timers the compiler attaches to stages (SLA) and approvals (time-outs). */
    private static final Set<String> TIMER_WORDS = Set.of("due", "alert", "remind_timer", "timeout_timer");

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final ProcessMigrationService migrations;
    private final org.flowable.engine.ManagementService management;

    Workflow(RuntimeService runtime, TaskService tasks, RepositoryService repository, ProcessMigrationService migrations,
             org.flowable.engine.ManagementService management) {
        this.management = management;
        this.runtime = runtime;
        this.tasks = tasks;
        this.repository = repository;
        this.migrations = migrations;
    }

    /** Who plays each role of a project, and who approves each gate, in order. */
    public record Assignments(Map<String, List<String>> roles, Map<String, List<String>> approvers) {
    }

    /** One task of a stage, by keys. */
    public record StageTask(String stage, String task) {
    }

    /**
     * How the engine would move a project to another version: which waiting activity goes where,
     * which tasks close on the way, and why it cannot move, if it cannot.
     */
    public record Move(Map<String, String> activityMapping, List<StageTask> closing, List<String> problems) {
    }

    /** Starts the project's process; engine events for its first stages arrive before this returns. */
    public void start(String projectId, String processDefinitionId, String name, String fieldsJson,
                      Template template, Assignments assignments) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(BpmnIds.PROJECT_VARIABLE, projectId);
        variables.put(BpmnIds.FIELDS_VARIABLE, fieldsJson);
        variables.putAll(assignmentVariables(template, assignments));
        runtime.createProcessInstanceBuilder()
                .predefineProcessInstanceId(projectId)
                .processDefinitionId(processDefinitionId)
                .businessKey(projectId)
                .name(name)
                .variables(variables)
                .start();
    }

    /** Process variables for people: users of each role, approvers of each gate, fresh vote counters. */
    private static Map<String, Object> assignmentVariables(Template template, Assignments assignments) {
        Map<String, Object> variables = new LinkedHashMap<>();
        template.roles().keySet().forEach(r -> variables.put(BpmnIds.roleVariable(r),
                new ArrayList<>(assignments.roles().getOrDefault(r, List.of()))));
        for (Stage stage : template.stages()) {
            if (stage.gate() != null && stage.gate().approval() != null) {
                variables.put(BpmnIds.approversVariable(stage.key()),
                        new ArrayList<>(assignments.approvers().getOrDefault(stage.key(), List.of())));
                variables.put(BpmnIds.approvalsVariable(stage.key()), 0);
                variables.put(BpmnIds.rejectionsVariable(stage.key()), 0);
                variables.put(BpmnIds.keptVariable(stage.key()), 0);
            }
        }
        return variables;
    }

    /** Completes the user task of a stage's task. */
    public void completeTask(String engineTaskId) {
        complete(engineTaskId, Map.of());
    }

    /**
     * Completes one approver's part of a gate with the round's counts so far, which the compiled
     * completion condition reads to decide whether the gate is through.
     */
    public void completeVote(String engineTaskId, String stageKey, int approvals, int rejections) {
        complete(engineTaskId, Map.of(
                BpmnIds.approvalsVariable(stageKey), approvals,
                BpmnIds.rejectionsVariable(stageKey), rejections));
    }

    private void complete(String engineTaskId, Map<String, Object> variables) {
        try {
            tasks.complete(engineTaskId, variables);
        } catch (FlowableObjectNotFoundException e) {
            throw new IllegalStateException("Task " + engineTaskId + " is no longer open", e);
        }
    }

    /** The approvers of a stage's gate in this round, in order. */
    public List<String> approvers(String projectId, String stageKey) {
        return stringList(projectId, BpmnIds.approversVariable(stageKey));
    }

    /**
     * Adds an approver to the running approval of a stage (加签): one more instance of its
     * multi-instance task, for that person, counted by the completion condition like the others.
     */
    public void addApprover(String projectId, String stageKey, String user) {
        List<String> approvers = new ArrayList<>(approvers(projectId, stageKey));
        approvers.add(user);
        runtime.setVariable(projectId, BpmnIds.approversVariable(stageKey), approvers);
        runtime.addMultiInstanceExecution(BpmnIds.approval(stageKey), projectId,
                Map.of(BpmnIds.APPROVER_VARIABLE, user));
    }

    /**
     * Opens a parallel approval again for an approver who took their decision back: the vote counters
     * the completion condition reads are set to what still counts, and one more instance of the
     * multi-instance task starts for them (their finished one stays finished, so an all-approve gate
     * now waits for one more completion: theirs).
     */
    public void reopenVote(String projectId, String stageKey, String user, int approvals, int rejections) {
        runtime.setVariable(projectId, BpmnIds.approvalsVariable(stageKey), approvals);
        runtime.setVariable(projectId, BpmnIds.rejectionsVariable(stageKey), rejections);
        // the new instance raises nrOfInstances by one though nobody new votes: a quorum's rejection
        // threshold (rejections > nrOfInstances + kept - count) stays where it was by one kept fewer
        Object kept = runtime.getVariable(projectId, BpmnIds.keptVariable(stageKey));
        runtime.setVariable(projectId, BpmnIds.keptVariable(stageKey), (kept instanceof Number n ? n.intValue() : 0) - 1);
        runtime.addMultiInstanceExecution(BpmnIds.approval(stageKey), projectId,
                Map.of(BpmnIds.APPROVER_VARIABLE, user));
    }

    /** Removes an approver who has not decided yet (减签): their instance goes, uncounted. */
    public void removeApprover(String projectId, String stageKey, String user, String engineTaskId) {
        List<String> approvers = new ArrayList<>(approvers(projectId, stageKey));
        approvers.remove(user);
        runtime.setVariable(projectId, BpmnIds.approversVariable(stageKey), approvers);
        String execution = tasks.createTaskQuery().taskId(engineTaskId).singleResult().getExecutionId();
        runtime.deleteMultiInstanceExecution(execution, false);
    }

    /** Hands an open user task to another person. */
    public void reassign(String engineTaskId, String user) {
        tasks.setAssignee(engineTaskId, user);
    }

    /** The project's field values changed: conditions evaluated in the engine read the new ones. */
    public void setFields(String projectId, String fieldsJson) {
        runtime.setVariable(projectId, BpmnIds.FIELDS_VARIABLE, fieldsJson);
    }

    /**
     * Sends the project back: every token in the given stages (their tasks, approvals and the joins
     * in front of them) is moved to the start of {@code targetStage}, which runs again from there.
     */
    public void sendBack(String projectId, Collection<String> fromStages, String targetStage) {
        Set<String> stages = Set.copyOf(fromStages);
        Set<String> activities = new LinkedHashSet<>();
        for (String activity : waitingActivities(projectId)) {
            String stage = BpmnIds.stageOf(activity);
            if (stage != null && stages.contains(stage)) {
                activities.add(activity);
            }
        }
        if (activities.isEmpty()) {
            throw new IllegalStateException("Nothing is running in " + stages + " of project " + projectId);
        }
        runtime.createChangeActivityStateBuilder()
                .processInstanceId(projectId)
                .moveActivityIdsToSingleActivityId(new ArrayList<>(activities), BpmnIds.stage(targetStage))
                .changeState();
    }

    /**
     * Jumps from the running work of {@code fromStage} straight into the approval of {@code gateStage}
     * (a direct resubmission, which does not replay the stages in between), with the approvers still
     * to decide and the approvals that keep counting.
     */
    public void resubmitTo(String projectId, String fromStage, String gateStage, List<String> approvers, int kept) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(BpmnIds.approversVariable(gateStage), new ArrayList<>(approvers));
        variables.put(BpmnIds.approvalsVariable(gateStage), kept);
        variables.put(BpmnIds.rejectionsVariable(gateStage), 0);
        variables.put(BpmnIds.keptVariable(gateStage), kept);
        runtime.setVariables(projectId, variables);
        List<String> activities = waitingActivities(projectId).stream()
                .filter(a -> fromStage.equals(BpmnIds.stageOf(a))).toList();
        if (activities.isEmpty()) {
            throw new IllegalStateException("Nothing is running in " + fromStage + " of project " + projectId);
        }
        runtime.createChangeActivityStateBuilder()
                .processInstanceId(projectId)
                .moveActivityIdsToSingleActivityId(activities, BpmnIds.approval(gateStage))
                .changeState();
    }

    private List<String> stringList(String projectId, String name) {
        Object value = runtime.getVariable(projectId, name);
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The ids of the activities where the project's process is waiting now (tasks, approvals, joins). */
    private List<String> waitingActivities(String projectId) {
        return runtime.createExecutionQuery().processInstanceId(projectId).list().stream()
                .map(Execution::getActivityId)
                .filter(a -> a != null && !BpmnIds.STAGE.equals(BpmnIds.wordOf(a)))
                // timers wait on their stage or approval and go with it: moving one would start its stage twice
                .filter(a -> !TIMER_WORDS.contains(String.valueOf(BpmnIds.wordOf(a))))
                .distinct().sorted().toList();
    }

    /**
     * Plans the engine's part of moving a project to another version: each activity where it waits
     * goes to the same activity of its (possibly renamed) stage, or to the start of that stage when
     * the new version has no such activity, which closes the task waiting there.
     */
    public Move planMove(String projectId, Template to, int toVersion, String targetDefinitionId,
                         Map<String, String> stageMapping) {
        Set<String> targetIds = activityIds(targetDefinitionId);
        Map<String, String> mapping = new LinkedHashMap<>();
        List<StageTask> closing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String activity : waitingActivities(projectId)) {
            String stage = BpmnIds.stageOf(activity);
            String target = stage == null ? null : stageMapping.getOrDefault(stage, to.stage(stage).isPresent() ? stage : null);
            String renamed = target == null ? null : counterpart(activity, stage, target);
            if (target != null && targetIds.contains(renamed)) {
                if (!renamed.equals(activity)) {
                    mapping.put(activity, renamed);
                }
            } else if (target != null) {
                mapping.put(activity, BpmnIds.entry(target));
                String task = BpmnIds.taskOf(activity);
                if (task != null) {
                    closing.add(new StageTask(stage, task));
                }
            } else if (!targetIds.contains(activity)) {
                problems.add("The project waits at '" + activity + "', which version " + toVersion + " does not have.");
            }
        }
        return new Move(mapping, closing, problems);
    }

    /** The same kind of activity in the (possibly renamed) stage of the target version. */
    private static String counterpart(String activity, String stage, String target) {
        String task = BpmnIds.taskOf(activity);
        if (task != null) {
            return BpmnIds.task(target, task);
        }
        if (activity.equals(BpmnIds.approval(stage))) {
            return BpmnIds.approval(target);
        }
        if (activity.equals(BpmnIds.join(stage))) {
            return BpmnIds.join(target);
        }
        return stage.equals(target) ? activity : BpmnIds.entry(target);
    }

    /** Every flow element id of a deployed process definition, sub-processes included. */
    private Set<String> activityIds(String processDefinitionId) {
        Set<String> ids = new LinkedHashSet<>();
        collect(repository.getBpmnModel(processDefinitionId).getMainProcess(), ids);
        return ids;
    }

    private static void collect(FlowElementsContainer container, Set<String> ids) {
        for (FlowElement element : container.getFlowElements()) {
            ids.add(element.getId());
            if (element instanceof FlowElementsContainer inner) {
                collect(inner, ids);
            }
        }
    }

    /** Flowable's own check of a planned move; answers its messages, none when it can go ahead. */
    public List<String> checkMove(String projectId, String targetDefinitionId, Move move) {
        return migration(targetDefinitionId, move.activityMapping(), Map.of()).validateMigration(projectId)
                .getValidationMessages();
    }

    /**
     * Moves the project's process to another definition. People and vote counters are set for the
     * new version, except in the stages still running: votes already cast there keep counting.
     */
    public void migrate(String projectId, String targetDefinitionId, Move move, Template to, Assignments assignments,
                        Collection<String> runningStages, String fieldsJson) {
        Map<String, Object> variables = new LinkedHashMap<>(assignmentVariables(to, assignments));
        for (String running : runningStages) {
            variables.remove(BpmnIds.approvalsVariable(running));
            variables.remove(BpmnIds.rejectionsVariable(running));
            variables.remove(BpmnIds.keptVariable(running));
        }
        variables.put(BpmnIds.FIELDS_VARIABLE, fieldsJson);
        migration(targetDefinitionId, move.activityMapping(), variables).migrate(projectId);
    }

    private ProcessInstanceMigrationBuilder migration(String targetDefinitionId, Map<String, String> mapping,
                                                      Map<String, Object> variables) {
        ProcessInstanceMigrationBuilder builder = migrations.createProcessInstanceMigrationBuilder()
                .migrateToProcessDefinition(targetDefinitionId);
        mapping.forEach((from, to) -> builder.addActivityMigrationMapping(ActivityMigrationMapping.createMappingFor(from, to)));
        if (!variables.isEmpty()) {
            builder.withProcessInstanceVariables(variables);
        }
        return builder;
    }

    /**
     * Takes a stage back to one of its tasks (a withdrawal): what the stage waits at now, apart from
     * the user tasks that were open before ({@code keepTaskIds}), moves back to that task. Answers
     * false, changing nothing, when a join holds tokens of other work too, which would be lost.
     */
    public boolean withdrawTo(String projectId, String stageKey, String taskKey, Collection<String> keepTaskIds) {
        Set<String> keep = new java.util.HashSet<>();
        for (String taskId : keepTaskIds) {
            org.flowable.task.api.Task t = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (t != null) {
                keep.add(t.getTaskDefinitionKey());
            }
        }
        List<Execution> executions = runtime.createExecutionQuery().processInstanceId(projectId).list();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Execution e : executions) {
            String a = e.getActivityId();
            if (a != null && stageKey.equals(BpmnIds.stageOf(a)) && !BpmnIds.STAGE.equals(BpmnIds.wordOf(a))
                    && !TIMER_WORDS.contains(String.valueOf(BpmnIds.wordOf(a))) && !keep.contains(a)) {
                counts.merge(a, 1L, Long::sum);
            }
        }
        String approval = BpmnIds.approval(stageKey);
        boolean ambiguousJoin = counts.entrySet().stream().anyMatch(c -> !c.getKey().equals(approval)
                && BpmnIds.taskOf(c.getKey()) == null && c.getValue() > 1);
        if (counts.isEmpty() || ambiguousJoin) {
            return false;
        }
        runtime.createChangeActivityStateBuilder()
                .processInstanceId(projectId)
                .moveActivityIdsToSingleActivityId(new ArrayList<>(counts.keySet()), BpmnIds.task(stageKey, taskKey))
                .changeState();
        return true;
    }

    /** The project is on hold: its process stands still, and its timers do not fire. */
    public void suspend(String projectId) {
        runtime.suspendProcessInstanceById(projectId);
    }

    /**
     * The project goes on after a hold of {@code held}: its process runs again and every timer still
     * waiting (SLA, reminders, time-outs) fires that much later.
     */
    public void resume(String projectId, java.time.Duration held) {
        runtime.activateProcessInstanceById(projectId);
        if (held.isZero() || held.isNegative()) {
            return;
        }
        for (org.flowable.job.api.Job timer : management.createTimerJobQuery().processInstanceId(projectId).list()) {
            java.time.Instant due = timer.getDuedate().toInstant().plus(held);
            management.rescheduleTimeDateJob(timer.getId(), due.toString());
        }
    }

    public void cancel(String projectId, String reason) {
        runtime.deleteProcessInstance(projectId, reason);
    }
}
