package io.tollgate.engine.workflow;

import io.tollgate.modeler.compiler.BpmnIds;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.Execution;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the other features may ask of the process engine. A project's process instance has the
 * project's id, so nothing needs a mapping table.
 */
@Service
public class Workflow {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final org.flowable.engine.RepositoryService repository;
    private final org.flowable.engine.ProcessMigrationService migrations;

    Workflow(RuntimeService runtime, TaskService tasks, org.flowable.engine.RepositoryService repository,
             org.flowable.engine.ProcessMigrationService migrations) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.repository = repository;
        this.migrations = migrations;
    }

    /** Starts the project's process; engine events for its first stages arrive before this returns. */
    public void start(String projectId, String processDefinitionId, String name, Map<String, Object> variables) {
        runtime.createProcessInstanceBuilder()
                .predefineProcessInstanceId(projectId)
                .processDefinitionId(processDefinitionId)
                .businessKey(projectId)
                .name(name)
                .variables(variables)
                .start();
    }

    /** Completes a user task with variables for the process. */
    public void complete(String engineTaskId, Map<String, Object> variables) {
        try {
            tasks.complete(engineTaskId, variables);
        } catch (FlowableObjectNotFoundException e) {
            throw new IllegalStateException("Task " + engineTaskId + " is no longer open", e);
        }
    }

    /**
     * Adds an approver to the running approval of a stage (加签): one more instance of its
     * multi-instance task, for that person, counted by the completion condition like the others.
     */
    public void addApprover(String projectId, String stageKey, String user) {
        List<String> approvers = new ArrayList<>(stringList(projectId, BpmnIds.approversVariable(stageKey)));
        approvers.add(user);
        runtime.setVariable(projectId, BpmnIds.approversVariable(stageKey), approvers);
        runtime.addMultiInstanceExecution(BpmnIds.approval(stageKey), projectId,
                Map.of(BpmnIds.APPROVER_VARIABLE, user));
    }

    /** Removes an approver who has not decided yet (减签): their instance goes, uncounted. */
    public void removeApprover(String projectId, String stageKey, String user, String engineTaskId) {
        List<String> approvers = new ArrayList<>(stringList(projectId, BpmnIds.approversVariable(stageKey)));
        approvers.remove(user);
        runtime.setVariable(projectId, BpmnIds.approversVariable(stageKey), approvers);
        String execution = tasks.createTaskQuery().taskId(engineTaskId).singleResult().getExecutionId();
        runtime.deleteMultiInstanceExecution(execution, false);
    }

    /** Hands an open user task to another person. */
    public void reassign(String engineTaskId, String user) {
        tasks.setAssignee(engineTaskId, user);
    }

    public void setVariables(String projectId, Map<String, Object> variables) {
        runtime.setVariables(projectId, variables);
    }

    /**
     * Sends the project back: every token in the given stages (their tasks, approvals and the joins
     * in front of them) is moved to the start of {@code targetStage}, which runs again from there.
     */
    public void sendBack(String projectId, Collection<String> fromStages, String targetStage) {
        Set<String> stages = Set.copyOf(fromStages);
        Set<String> activities = new LinkedHashSet<>();
        for (Execution execution : runtime.createExecutionQuery().processInstanceId(projectId).list()) {
            String activity = execution.getActivityId();
            if (activity == null || BpmnIds.STAGE.equals(BpmnIds.wordOf(activity))) {
                continue;
            }
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
     * Jumps from the running work of {@code fromStage} straight into the approval of {@code gateStage}:
     * a direct resubmission, which does not replay the stages in between.
     */
    public void resubmitTo(String projectId, String fromStage, String gateStage, Map<String, Object> variables) {
        runtime.setVariables(projectId, variables);
        List<String> activities = runtime.createExecutionQuery().processInstanceId(projectId).list().stream()
                .map(Execution::getActivityId)
                .filter(a -> a != null && !BpmnIds.STAGE.equals(BpmnIds.wordOf(a)) && fromStage.equals(BpmnIds.stageOf(a)))
                .distinct().toList();
        if (activities.isEmpty()) {
            throw new IllegalStateException("Nothing is running in " + fromStage + " of project " + projectId);
        }
        runtime.createChangeActivityStateBuilder()
                .processInstanceId(projectId)
                .moveActivityIdsToSingleActivityId(activities, BpmnIds.approval(gateStage))
                .changeState();
    }

    /** A process variable holding a list of names, or an empty list. */
    public List<String> stringList(String projectId, String name) {
        Object value = runtime.getVariable(projectId, name);
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The ids of the activities where the project's process is waiting now (tasks, approvals, joins). */
    public List<String> waitingActivities(String projectId) {
        return runtime.createExecutionQuery().processInstanceId(projectId).list().stream()
                .map(Execution::getActivityId)
                .filter(a -> a != null && !BpmnIds.STAGE.equals(BpmnIds.wordOf(a)))
                .distinct().sorted().toList();
    }

    /** Every flow element id of a deployed process definition, sub-processes included. */
    public Set<String> activityIds(String processDefinitionId) {
        Set<String> ids = new LinkedHashSet<>();
        collect(repository.getBpmnModel(processDefinitionId).getMainProcess(), ids);
        return ids;
    }

    private static void collect(org.flowable.bpmn.model.FlowElementsContainer container, Set<String> ids) {
        for (org.flowable.bpmn.model.FlowElement element : container.getFlowElements()) {
            ids.add(element.getId());
            if (element instanceof org.flowable.bpmn.model.FlowElementsContainer inner) {
                collect(inner, ids);
            }
        }
    }

    /** Flowable's own check of a migration; answers its messages, none when it can go ahead. */
    public List<String> checkMigration(String projectId, String targetDefinitionId, Map<String, String> mapping) {
        return migration(targetDefinitionId, mapping, Map.of()).validateMigration(projectId).getValidationMessages();
    }

    /** Moves the project's process to another definition, activity by activity. */
    public void migrate(String projectId, String targetDefinitionId, Map<String, String> mapping,
                        Map<String, Object> variables) {
        migration(targetDefinitionId, mapping, variables).migrate(projectId);
    }

    private org.flowable.engine.migration.ProcessInstanceMigrationBuilder migration(String targetDefinitionId,
                                                                                  Map<String, String> mapping,
                                                                                  Map<String, Object> variables) {
        org.flowable.engine.migration.ProcessInstanceMigrationBuilder builder = migrations
                .createProcessInstanceMigrationBuilder().migrateToProcessDefinition(targetDefinitionId);
        mapping.forEach((from, to) -> builder.addActivityMigrationMapping(
                org.flowable.engine.migration.ActivityMigrationMapping.createMappingFor(from, to)));
        if (!variables.isEmpty()) {
            builder.withProcessInstanceVariables(variables);
        }
        return builder;
    }

    public void cancel(String projectId, String reason) {
        runtime.deleteProcessInstance(projectId, reason);
    }

    /** The stage keys whose sub-process is running right now. */
    public List<String> runningStages(String projectId) {
        return runtime.createExecutionQuery().processInstanceId(projectId).list().stream()
                .map(Execution::getActivityId)
                .filter(a -> a != null && BpmnIds.STAGE.equals(BpmnIds.wordOf(a)))
                .map(BpmnIds::stageOf).distinct().toList();
    }
}
