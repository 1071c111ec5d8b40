package io.tollgate.engine.workflow;

import io.tollgate.modeler.compiler.BpmnIds;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.delegate.event.FlowableActivityEvent;
import org.flowable.task.api.Task;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.time.Instant;

/**
 * Listens to the engine and republishes what matters as {@link WorkflowEvents}. Runs inside the
 * engine's command, so read models update in the same transaction; a failure rolls the step back.
 */
class EngineEventBridge implements FlowableEventListener {

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    EngineEventBridge(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (!(event.getType() instanceof FlowableEngineEventType type)) {
            return;
        }
        Instant now = Instant.now(clock);
        if (event instanceof org.flowable.common.engine.api.delegate.event.FlowableEngineEvent engineEvent) {
            String[] watched = Watches.subjectOf(engineEvent.getProcessInstanceId());
            if (watched != null) {
                // a watch's own process: only its due event matters, none of it is a project's
                if (type == FlowableEngineEventType.ACTIVITY_STARTED && event instanceof FlowableActivityEvent a
                        && Watches.DUE_EVENT.equals(a.getActivityId())) {
                    publisher.publishEvent(new WorkflowEvents.WatchDue(watched[0], watched[1], now));
                }
                return;
            }
        }
        switch (type) {
            case ACTIVITY_STARTED, ACTIVITY_COMPLETED, ACTIVITY_CANCELLED -> activity(type, (FlowableActivityEvent) event, now);
            case TASK_CREATED -> {
                Task task = (Task) ((FlowableEngineEntityEvent) event).getEntity();
                String activity = task.getTaskDefinitionKey();
                publisher.publishEvent(new WorkflowEvents.TaskCreated(task.getProcessInstanceId(), BpmnIds.stageOf(activity),
                        BpmnIds.taskOf(activity), task.getId(), task.getAssignee(), now));
            }
            case TASK_ASSIGNED -> {
                Task task = (Task) ((FlowableEngineEntityEvent) event).getEntity();
                publisher.publishEvent(new WorkflowEvents.TaskAssigned(task.getId(), task.getAssignee()));
            }
            case TASK_COMPLETED -> {
                Task task = (Task) ((FlowableEngineEntityEvent) event).getEntity();
                publisher.publishEvent(new WorkflowEvents.TaskEnded(task.getProcessInstanceId(), task.getId(), true, now));
            }
            case ENTITY_DELETED -> {
                if (((FlowableEngineEntityEvent) event).getEntity() instanceof Task task) {
                    publisher.publishEvent(new WorkflowEvents.TaskEnded(task.getProcessInstanceId(), task.getId(), false, now));
                }
            }
            case PROCESS_COMPLETED -> publisher.publishEvent(new WorkflowEvents.ProjectFinished(
                    ((FlowableEngineEntityEvent) event).getProcessInstanceId(), now));
            default -> {
            }
        }
    }

    private void activity(FlowableEngineEventType type, FlowableActivityEvent event, Instant now) {
        String id = event.getActivityId();
        String project = event.getProcessInstanceId();
        if (id == null) {
            return;
        }
        String word = BpmnIds.wordOf(id);
        String stage = BpmnIds.stageOf(id);
        if (word == null) {
            return;
        }
        boolean started = type == FlowableEngineEventType.ACTIVITY_STARTED;
        switch (word) {
            case BpmnIds.STAGE -> {
                if (started) {
                    publisher.publishEvent(new WorkflowEvents.StageStarted(project, stage, now));
                } else if (type == FlowableEngineEventType.ACTIVITY_COMPLETED) {
                    publisher.publishEvent(new WorkflowEvents.StageCompleted(project, stage, now));
                } else {
                    publisher.publishEvent(new WorkflowEvents.StageCancelled(project, stage, now));
                }
            }
            case BpmnIds.SKIP -> {
                if (started) {
                    publisher.publishEvent(new WorkflowEvents.StageSkipped(project, stage, now));
                }
            }
            case BpmnIds.OVERDUE -> {
                if (started) {
                    publisher.publishEvent(new WorkflowEvents.StageOverdue(project, stage, now));
                }
            }
            case BpmnIds.ESCALATION -> {
                if (started) {
                    publisher.publishEvent(new WorkflowEvents.StageEscalated(project, stage, now));
                }
            }
            case BpmnIds.REMIND, BpmnIds.TIMEOUT -> {
                if (started) {
                    publisher.publishEvent(new WorkflowEvents.ApprovalTimedOut(project, stage, now));
                }
            }
            case BpmnIds.ENTRY -> {
                if (started) {
                    publisher.publishEvent(new WorkflowEvents.StageEntered(project, stage, now));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public boolean isFailOnException() {
        return true;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }
}
