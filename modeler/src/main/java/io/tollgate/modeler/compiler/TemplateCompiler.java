package io.tollgate.modeler.compiler;

import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.Limits;
import org.flowable.bpmn.BpmnAutoLayout;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.ExclusiveGateway;
import org.flowable.bpmn.model.FlowElementsContainer;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.bpmn.model.ParallelGateway;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.bpmn.model.UserTask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a valid template to BPMN 2.0. Each stage is an embedded sub-process; its tasks form a
 * graph of user tasks ordered by {@code requires}; its approval is a multi-instance user task whose
 * completion condition carries the approval mode; a rejection loops back to the stage entry.
 * Stages are joined by parallel gateways where several meet or leave. The output is deterministic:
 * ids derive from keys, elements are added in template order, and the layout has no randomness.
 */
public final class TemplateCompiler {

    /** Compiles, lays out and serialises; the template must have passed validation. */
    public Compiled compile(Template template) {
        BpmnModel model = toModel(template);
        new BpmnAutoLayout(model).execute();
        return new Compiled(model, DiagramWriter.write(model));
    }

    /** The compiled model and its XML. */
    public record Compiled(BpmnModel model, String xml) {
    }

    BpmnModel toModel(Template template) {
        BpmnModel model = new BpmnModel();
        model.setTargetNamespace("https://tollgate.io/templates");
        Process process = new Process();
        process.setId(template.key());
        process.setName(plain(template.name()));
        process.setExecutable(true);
        model.addProcess(process);
        Builder b = new Builder(process);

        StartEvent start = b.add(process, new StartEvent(), BpmnIds.PROJECT_START, "Project started");
        EndEvent end = b.add(process, new EndEvent(), BpmnIds.PROJECT_END, "Project completed");

        Map<String, FlowNode> entry = new LinkedHashMap<>();
        Map<String, FlowNode> exit = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            FlowNode stageNode = stage(b, process, template, stage);
            sla(b, process, (SubProcess) stageNode, stage);
            FlowNode in = stageNode;
            FlowNode out = stageNode;
            if (stage.when() != null) {
                ExclusiveGateway decide = b.add(process, new ExclusiveGateway(), BpmnIds.of("when", stage.key()),
                        "Does " + stage.label() + " apply?");
                FlowNode skip = b.add(process, new org.flowable.bpmn.model.ThrowEvent(), BpmnIds.skip(stage.key()),
                        "Skip " + stage.label());
                ExclusiveGateway merge = b.add(process, new ExclusiveGateway(), BpmnIds.of("merge", stage.key()), null);
                SequenceFlow yes = b.flow(process, decide, stageNode, "applies");
                yes.setConditionExpression("${" + BpmnIds.EXPRESSIONS_BEAN + ".when(execution, '" + stage.key() + "')}");
                SequenceFlow no = b.flow(process, decide, skip, "skipped");
                decide.setDefaultFlow(no.getId());
                b.flow(process, skip, merge, null);
                b.flow(process, stageNode, merge, null);
                in = decide;
                out = merge;
            }
            List<String> prerequisites = template.prerequisites(stage);
            if (prerequisites.size() > 1) {
                ParallelGateway join = b.add(process, new ParallelGateway(), BpmnIds.join(stage.key()),
                        "All before " + stage.label() + " done");
                b.flow(process, join, in, null);
                in = join;
            }
            entry.put(stage.key(), in);
            exit.put(stage.key(), out);
        }

        Map<String, List<String>> successors = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        for (Stage stage : template.stages()) {
            successors.putIfAbsent(stage.key(), new ArrayList<>());
            List<String> prerequisites = template.prerequisites(stage);
            if (prerequisites.isEmpty()) {
                sources.add(stage.key());
            }
            for (String p : prerequisites) {
                successors.computeIfAbsent(p, k -> new ArrayList<>()).add(stage.key());
            }
        }
        fanOut(b, process, start, sources.stream().map(entry::get).toList(), BpmnIds.PROCESS_FORK, "Start in parallel");
        List<FlowNode> sinks = new ArrayList<>();
        for (Stage stage : template.stages()) {
            List<String> next = successors.get(stage.key());
            if (next.isEmpty()) {
                sinks.add(exit.get(stage.key()));
            } else {
                fanOut(b, process, exit.get(stage.key()), next.stream().map(entry::get).toList(),
                        BpmnIds.of("fork", stage.key()), "After " + stage.label());
            }
        }
        if (sinks.size() == 1) {
            b.flow(process, sinks.get(0), end, null);
        } else {
            ParallelGateway join = b.add(process, new ParallelGateway(), BpmnIds.PROCESS_JOIN, "All stages done");
            sinks.forEach(s -> b.flow(process, s, join, null));
            b.flow(process, join, end, null);
        }
        return model;
    }

    /**
     * Non-interrupting timers on the stage: one at the due date, one when it is late by more than
     * alertAfter. Each leads to an event the runtime turns into alerts; the stage's work goes on.
     */
    private static void sla(Builder b, Process process, SubProcess stage, Stage def) {
        java.util.Optional<java.time.Duration> due = io.tollgate.modeler.model.Durations.parse(def.duration());
        if (due.isEmpty()) {
            return;
        }
        timer(b, process, stage, BpmnIds.of("due", def.key()), due.get(), BpmnIds.overdue(def.key()),
                def.label() + " is overdue", BpmnIds.of("overdue_end", def.key()));
        io.tollgate.modeler.model.Durations.parse(def.alertAfter()).ifPresent(alert -> timer(b, process, stage,
                BpmnIds.of("alert", def.key()), due.get().plus(alert), BpmnIds.escalation(def.key()), "Escalate " + def.label(),
                BpmnIds.of("escalation_end", def.key())));
    }

    /** The business calendar of SLA timers: the engine resolves {@code tollgate:<workspace>}. */
    public static final String WORKSPACE_CALENDAR = "tollgate:${execution.tenantId}";

    private static void timer(Builder b, Process process, SubProcess stage, String id, java.time.Duration after,
                              String eventId, String eventName, String endId) {
        org.flowable.bpmn.model.BoundaryEvent boundary = new org.flowable.bpmn.model.BoundaryEvent();
        boundary.setAttachedToRef(stage);
        boundary.setAttachedToRefId(stage.getId());
        boundary.setCancelActivity(false);
        org.flowable.bpmn.model.TimerEventDefinition timer = new org.flowable.bpmn.model.TimerEventDefinition();
        timer.setTimeDuration(after.toString());
        // durations count on the workspace's calendar (working days and hours, or plain time); the
        // engine evaluates the name as an expression, and a project's tenant is its workspace
        timer.setCalendarName(WORKSPACE_CALENDAR);
        boundary.addEventDefinition(timer);
        b.add(process, boundary, id, null);
        stage.getBoundaryEvents().add(boundary);
        FlowNode signal = b.add(process, new org.flowable.bpmn.model.ThrowEvent(), eventId, eventName);
        EndEvent end = b.add(process, new EndEvent(), endId, null);
        b.flow(process, boundary, signal, null);
        b.flow(process, signal, end, null);
    }

    /**
     * A non-interrupting timer on the approval, for its timeout: a reminder fires at each interval
     * (a cycle of {@code repeat} times), approve and reject fire once. Each reaches an event the
     * runtime acts on; the approval stays open until the runtime decides it.
     */
    private static void approvalTimeout(Builder b, SubProcess sub, UserTask approval, Stage stage) {
        io.tollgate.modeler.model.Timeout timeout = stage.gate().approval().timeout();
        if (timeout == null || timeout.action() == null) {
            return;
        }
        java.util.Optional<java.time.Duration> after = io.tollgate.modeler.model.Durations.parse(timeout.after());
        if (after.isEmpty()) {
            return;
        }
        boolean remind = timeout.action() == io.tollgate.modeler.model.Timeout.Action.REMIND;
        org.flowable.bpmn.model.BoundaryEvent boundary = new org.flowable.bpmn.model.BoundaryEvent();
        boundary.setAttachedToRef(approval);
        boundary.setAttachedToRefId(approval.getId());
        boundary.setCancelActivity(false);
        boundary.addEventDefinition(remind ? approvalTimer(null, "R" + timeout.times() + "/" + after.get())
                : approvalTimer(after.get().toString(), null));
        b.add(sub, boundary, BpmnIds.of(remind ? "remind_timer" : "timeout_timer", stage.key()), null);
        approval.getBoundaryEvents().add(boundary);
        FlowNode signal = b.add(sub, new org.flowable.bpmn.model.ThrowEvent(),
                remind ? BpmnIds.remind(stage.key()) : BpmnIds.timeout(stage.key()),
                remind ? "Remind approvers of " + stage.label() : "Decide " + stage.label() + " on time-out: "
                        + timeout.action().spelling());
        EndEvent end = b.add(sub, new EndEvent(), BpmnIds.of(remind ? "remind_end" : "timeout_end", stage.key()), null);
        b.flow(sub, boundary, signal, null);
        b.flow(sub, signal, end, null);
    }

    /**
     * The timer definition of every approval timeout: the one place its business calendar is set. A
     * timeout that decides counts on the workspace's calendar like the stage's SLA; a repeating
     * reminder keeps Flowable's cycle calendar, which alone reads repetitions.
     */
    private static org.flowable.bpmn.model.TimerEventDefinition approvalTimer(String duration, String cycle) {
        org.flowable.bpmn.model.TimerEventDefinition timer = new org.flowable.bpmn.model.TimerEventDefinition();
        timer.setTimeDuration(duration);
        timer.setTimeCycle(cycle);
        if (duration != null) {
            timer.setCalendarName(WORKSPACE_CALENDAR);
        }
        return timer;
    }

    private static void fanOut(Builder b, FlowElementsContainer c, FlowNode from, List<FlowNode> to, String id, String name) {
        if (to.size() == 1) {
            b.flow(c, from, to.get(0), null);
        } else if (to.size() > 1) {
            ParallelGateway fork = b.add(c, new ParallelGateway(), id, name);
            b.flow(c, from, fork, null);
            to.forEach(t -> b.flow(c, fork, t, null));
        }
    }

    private FlowNode stage(Builder b, Process process, Template template, Stage stage) {
        String key = stage.key();
        SubProcess sub = b.add(process, new SubProcess(), BpmnIds.stage(key), stage.label());
        StartEvent start = b.add(sub, new StartEvent(), BpmnIds.of("start", key), null);
        ExclusiveGateway entry = b.add(sub, new ExclusiveGateway(), BpmnIds.entry(key), "Work on " + stage.label());
        EndEvent end = b.add(sub, new EndEvent(), BpmnIds.of("end", key), null);
        b.flow(sub, start, entry, null);

        // Each pass through the entry starts a fresh round of the gate's votes.
        if (stage.gate() != null && stage.gate().approval() != null) {
            entry.getExecutionListeners().add(setVariable(BpmnIds.approvalsVariable(key)));
            entry.getExecutionListeners().add(setVariable(BpmnIds.rejectionsVariable(key)));
            entry.getExecutionListeners().add(setVariable(BpmnIds.keptVariable(key)));
        }

        FlowNode tasksDone = tasks(b, sub, template, stage, entry);
        if (stage.gate() == null || stage.gate().approval() == null) {
            b.flow(sub, tasksDone, end, null);
            return sub;
        }
        UserTask approval = b.add(sub, new UserTask(), BpmnIds.approval(key), "Approve " + stage.label());
        approval.setAssignee("${" + BpmnIds.APPROVER_VARIABLE + "}");
        approval.setCategory("approval");
        MultiInstanceLoopCharacteristics loop = new MultiInstanceLoopCharacteristics();
        loop.setInputDataItem("${" + BpmnIds.approversVariable(key) + "}");
        loop.setElementVariable(BpmnIds.APPROVER_VARIABLE);
        ApprovalMode mode = stage.gate().approval().mode();
        String approvals = BpmnIds.approvalsVariable(key);
        String rejections = BpmnIds.rejectionsVariable(key);
        loop.setSequential(mode.sequential());
        loop.setCompletionCondition(mode.completionCondition(approvals, rejections, BpmnIds.keptVariable(key)));
        approval.setLoopCharacteristics(loop);
        b.flow(sub, tasksDone, approval, null);
        approvalTimeout(b, sub, approval, stage);
        ExclusiveGateway decision = b.add(sub, new ExclusiveGateway(), BpmnIds.of("decision", key), "Approved?");
        b.flow(sub, approval, decision, null);
        SequenceFlow yes = b.flow(sub, decision, end, "approved");
        yes.setConditionExpression(mode.approvedCondition(approvals, rejections));
        SequenceFlow no = b.flow(sub, decision, entry, "rejected: rework");
        decision.setDefaultFlow(no.getId());
        return sub;
    }

    /** The stage's tasks as a graph ordered by {@code requires}; answers the node reached when all are done. */
    private FlowNode tasks(Builder b, SubProcess sub, Template template, Stage stage, FlowNode from) {
        String key = stage.key();
        if (stage.tasks().isEmpty()) {
            return from;
        }
        Map<String, UserTask> nodes = new LinkedHashMap<>();
        for (TaskDef task : stage.tasks()) {
            UserTask user = b.add(sub, new UserTask(), BpmnIds.task(key, task.key()), task.label());
            assign(user, task.assignee());
            user.setCategory("task");
            nodes.put(task.key(), user);
        }
        Map<String, List<String>> dependents = new LinkedHashMap<>();
        stage.tasks().forEach(t -> dependents.put(t.key(), new ArrayList<>()));
        List<String> roots = new ArrayList<>();
        for (TaskDef task : stage.tasks()) {
            if (task.requires().isEmpty()) {
                roots.add(task.key());
            }
            task.requires().forEach(r -> dependents.get(r).add(task.key()));
        }
        Map<String, FlowNode> inbound = new LinkedHashMap<>();
        for (TaskDef task : stage.tasks()) {
            FlowNode in = nodes.get(task.key());
            if (task.requires().size() > 1) {
                ParallelGateway join = b.add(sub, new ParallelGateway(), BpmnIds.of("ready", key, task.key()),
                        "Ready for " + task.label());
                b.flow(sub, join, in, null);
                in = join;
            }
            inbound.put(task.key(), in);
        }
        fanOut(b, sub, from, roots.stream().map(inbound::get).toList(), BpmnIds.of("tasks", key), "Start tasks");
        List<FlowNode> sinks = new ArrayList<>();
        for (TaskDef task : stage.tasks()) {
            List<String> next = dependents.get(task.key());
            if (next.isEmpty()) {
                sinks.add(nodes.get(task.key()));
            } else {
                fanOut(b, sub, nodes.get(task.key()), next.stream().map(inbound::get).toList(),
                        BpmnIds.of("after", key, task.key()), null);
            }
        }
        if (sinks.size() == 1) {
            return sinks.get(0);
        }
        ParallelGateway join = b.add(sub, new ParallelGateway(), BpmnIds.of("done", key), "All tasks done");
        sinks.forEach(s -> b.flow(sub, s, join, null));
        return join;
    }

    private static void assign(UserTask task, String assignee) {
        if (assignee.startsWith("user:")) {
            task.setCandidateUsers(List.of(assignee.substring("user:".length())));
        } else if (assignee.startsWith("group:")) {
            task.setCandidateGroups(List.of(assignee.substring("group:".length())));
        } else {
            task.setCandidateUsers(List.of("${" + BpmnIds.roleVariable(assignee) + "}"));
        }
    }

    private static FlowableListener setVariable(String variable) {
        FlowableListener listener = new FlowableListener();
        listener.setEvent("start");
        listener.setImplementationType(ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION);
        listener.setImplementation("${execution.setVariable('" + variable + "', 0)}");
        return listener;
    }

    /**
     * A name as plain text: the engine evaluates {@code ${...}} and {@code #{...}} in task names, and
     * XML 1.0 cannot carry control characters. Validation refuses both; this is the second line.
     * Names are cut to what Flowable's name columns hold: validation keeps stage and task names
     * within that, but the names written here add words to them ("Approve ...", "All before ... done").
     */
    static String plain(String name) {
        if (name == null) {
            return null;
        }
        String plain = name.replaceAll("[\\p{Cc}&&[^\\t\\n\\r]]", "").replace("${", "$ {").replace("#{", "# {");
        if (plain.length() <= Limits.ENGINE_NAME) {
            return plain;
        }
        int end = Limits.ENGINE_NAME - 1;
        if (Character.isHighSurrogate(plain.charAt(end - 1))) {
            end--;
        }
        return plain.substring(0, end) + "\u2026";
    }

    /** Adds elements and flows with deterministic ids. */
    private static final class Builder {
        private final Process process;
        private final java.util.Set<String> flowIds = new java.util.HashSet<>();

        Builder(Process process) {
            this.process = process;
        }

        <T extends FlowNode> T add(FlowElementsContainer container, T node, String id, String name) {
            node.setId(id);
            node.setName(plain(name));
            container.addFlowElement(node);
            return node;
        }

        SequenceFlow flow(FlowElementsContainer container, FlowNode from, FlowNode to, String name) {
            SequenceFlow flow = new SequenceFlow(from.getId(), to.getId());
            String id = "flow__" + from.getId() + "__to__" + to.getId();
            // elements are added in template order, so a suffix, where ever needed, is deterministic
            for (int n = 2; !flowIds.add(id); n++) {
                id = "flow__" + from.getId() + "__to__" + to.getId() + "__" + n;
            }
            flow.setId(id);
            flow.setName(plain(name));
            container.addFlowElement(flow);
            from.getOutgoingFlows().add(flow);
            to.getIncomingFlows().add(flow);
            flow.setSourceFlowElement(from);
            flow.setTargetFlowElement(to);
            return flow;
        }
    }
}
