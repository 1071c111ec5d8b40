package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of stages and tasks must be a DAG: a cycle would wait forever. A stage that depends on a
 * cycle can never start (unreachable). A rejection may only send the project back, never forward.
 */
final class GraphRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        Map<String, List<String>> stageEdges = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            if (s.key() != null && index.putIfAbsent(s.key(), i) == null) {
                stageEdges.put(s.key(), t.prerequisites(s).stream().filter(k -> !k.equals(s.key())).toList());
            }
        }
        Set<String> inCycle = new HashSet<>();
        for (List<String> cycle : cycles(stageEdges)) {
            inCycle.addAll(cycle);
            String first = cycle.get(0);
            problems.add(Problem.error(ProblemCode.STAGE_CYCLE, Paths.stage(index.get(first)) + ".after",
                    "Stages wait for each other in a circle: " + String.join(" -> ", cycle) + " -> " + first + "."));
        }
        for (String key : stageEdges.keySet()) {
            if (!inCycle.contains(key) && dependsOn(key, inCycle, stageEdges, new HashSet<>())) {
                problems.add(Problem.error(ProblemCode.STAGE_UNREACHABLE, Paths.stage(index.get(key)),
                        "Stage '" + key + "' can never start: it waits for stages that wait for each other."));
            }
        }
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            Map<String, List<String>> taskEdges = new LinkedHashMap<>();
            for (TaskDef task : s.tasks()) {
                if (task.key() != null) {
                    taskEdges.putIfAbsent(task.key(), task.requires().stream().filter(r -> !r.equals(task.key())).toList());
                }
            }
            for (List<String> cycle : cycles(taskEdges)) {
                problems.add(Problem.error(ProblemCode.TASK_CYCLE, Paths.stage(i) + ".tasks",
                        "Tasks of stage '" + s.key() + "' require each other in a circle: "
                                + String.join(" -> ", cycle) + " -> " + cycle.get(0) + "."));
            }
            if (s.gate() != null && s.gate().onReject() != null && s.key() != null && inCycle.isEmpty()
                    && index.containsKey(s.gate().onReject()) && !s.gate().onReject().equals(s.key())
                    && !ancestors(s.key(), stageEdges).contains(s.gate().onReject())) {
                problems.add(Problem.error(ProblemCode.GATE_REJECT_TARGET_NOT_EARLIER, Paths.gate(i) + ".onReject",
                        "A rejection can only send the project back to this stage or one it comes after; '"
                                + s.gate().onReject() + "' does not come before '" + s.key() + "'."));
            }
        }
    }

    /** Every stage a stage waits for, directly or not. */
    static Set<String> ancestors(String key, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(edges.getOrDefault(key, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(edges.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }

    private static boolean dependsOn(String key, Set<String> targets, Map<String, List<String>> edges, Set<String> seen) {
        for (String next : edges.getOrDefault(key, List.of())) {
            if (targets.contains(next) || (seen.add(next) && dependsOn(next, targets, edges, seen))) {
                return true;
            }
        }
        return false;
    }

    /** Each elementary cycle found by a depth-first search, reported once, in its edge order. */
    static List<List<String>> cycles(Map<String, List<String>> edges) {
        List<List<String>> found = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        Set<Set<String>> reported = new HashSet<>();
        for (String start : edges.keySet()) {
            visit(start, edges, state, new ArrayList<>(), found, reported);
        }
        return found;
    }

    private static void visit(String node, Map<String, List<String>> edges, Map<String, Integer> state,
                              List<String> stack, List<List<String>> found, Set<Set<String>> reported) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            java.util.Collections.reverse(cycle);
            if (reported.add(new HashSet<>(cycle))) {
                found.add(cycle);
            }
            return;
        }
        state.put(node, 1);
        stack.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            if (edges.containsKey(next)) {
                visit(next, edges, state, stack, found, reported);
            }
        }
        stack.remove(stack.size() - 1);
        state.put(node, 2);
    }
}
