package io.tollgate.engine.workflow;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.IntermediateCatchEvent;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.ThrowEvent;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Engine timers for things that are due at a date outside a project's process: a condition of a
 * conditional go, a granted waiver. Each is a tiny process instance waiting at a timer; the engine's
 * job executor fires it like any other timer (so tests move the engine clock), and the bridge turns
 * it into {@link WorkflowEvents.WatchDue}. Its instance id says what it watches.
 */
@Service
public class Watches {

    static final String PROCESS_KEY = "tollgate_watch";
    static final String ID_PREFIX = "watch-";
    static final String DUE_EVENT = "watch_due";
    private static final String DUE_VARIABLE = "tg_due";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private volatile String definitionId;

    Watches(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /** Sets a timer that reports {@code kind} {@code subjectId} due at {@code due}. */
    public void watch(String kind, String subjectId, Instant due) {
        runtime.createProcessInstanceBuilder()
                .predefineProcessInstanceId(ID_PREFIX + kind + "-" + subjectId)
                .processDefinitionId(definition())
                .variables(Map.of(DUE_VARIABLE, Date.from(due)))
                .start();
    }

    /** The kind and subject of a watch's instance id, or null for any other process. */
    static String[] subjectOf(String processInstanceId) {
        if (processInstanceId == null || !processInstanceId.startsWith(ID_PREFIX)) {
            return null;
        }
        String rest = processInstanceId.substring(ID_PREFIX.length());
        int dash = rest.indexOf('-');
        return dash < 0 ? null : new String[] {rest.substring(0, dash), rest.substring(dash + 1)};
    }

    private String definition() {
        String id = definitionId;
        if (id != null) {
            return id;
        }
        synchronized (this) {
            if (definitionId == null) {
                ProcessDefinition existing = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                        .processDefinitionWithoutTenantId().latestVersion().singleResult();
                if (existing == null) {
                    repository.createDeployment().name(PROCESS_KEY).addBpmnModel(PROCESS_KEY + ".bpmn", model()).deploy();
                    existing = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                            .processDefinitionWithoutTenantId().latestVersion().singleResult();
                }
                definitionId = existing.getId();
            }
            return definitionId;
        }
    }

    private static BpmnModel model() {
        Process process = new Process();
        process.setId(PROCESS_KEY);
        process.setName("Tollgate watch");
        StartEvent start = new StartEvent();
        start.setId("watch_start");
        IntermediateCatchEvent wait = new IntermediateCatchEvent();
        wait.setId("watch_wait");
        TimerEventDefinition timer = new TimerEventDefinition();
        timer.setTimeDate("${" + DUE_VARIABLE + "}");
        wait.addEventDefinition(timer);
        ThrowEvent due = new ThrowEvent();
        due.setId(DUE_EVENT);
        EndEvent end = new EndEvent();
        end.setId("watch_end");
        process.addFlowElement(start);
        process.addFlowElement(wait);
        process.addFlowElement(due);
        process.addFlowElement(end);
        process.addFlowElement(new SequenceFlow("watch_start", "watch_wait"));
        process.addFlowElement(new SequenceFlow("watch_wait", DUE_EVENT));
        process.addFlowElement(new SequenceFlow(DUE_EVENT, "watch_end"));
        BpmnModel model = new BpmnModel();
        model.addProcess(process);
        return model;
    }
}
