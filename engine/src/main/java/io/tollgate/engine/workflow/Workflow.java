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

    Workflow(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
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
            if (activity == null || activity.startsWith(BpmnIds.STAGE_PREFIX)) {
                continue;
            }
            String stage = activity.startsWith("join_") ? activity.substring("join_".length()) : BpmnIds.stageOf(activity);
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
                .filter(a -> a != null && !a.startsWith(BpmnIds.STAGE_PREFIX) && fromStage.equals(BpmnIds.stageOf(a)))
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

    public void cancel(String projectId, String reason) {
        runtime.deleteProcessInstance(projectId, reason);
    }

    /** The stage keys whose sub-process is running right now. */
    public List<String> runningStages(String projectId) {
        return runtime.createExecutionQuery().processInstanceId(projectId).list().stream()
                .map(Execution::getActivityId)
                .filter(a -> a != null && a.startsWith(BpmnIds.STAGE_PREFIX))
                .map(BpmnIds::stageOf).distinct().toList();
    }
}
