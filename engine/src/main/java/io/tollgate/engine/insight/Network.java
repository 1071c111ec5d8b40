package io.tollgate.engine.insight;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A schedule network: activities (stages, or tasks) with durations in working days and the
 * activities each waits for. Answers the critical path method's figures: earliest and latest start
 * and finish, float, and which activities are critical. A skipped activity (a stage whose {@code when}
 * was false) lasts zero days but still passes its predecessors' finish on.
 */
public final class Network {

    /** An activity: its key, its planned duration in working days and the keys it waits for. */
    public record Activity(String key, double days, Set<String> after) {
        public Activity {
            if (days < 0 || Double.isNaN(days)) {
                throw new IllegalArgumentException("An activity lasts zero days or more: " + key);
            }
            after = Set.copyOf(after);
        }
    }

    /** What the critical path method says of an activity. */
    public record Timing(String key, double days, double earliestStart, double earliestFinish, double latestStart,
                         double latestFinish, double slack, boolean critical) {
    }

    /** The whole answer: each activity's timing in topological order, the length, one critical chain. */
    public record Schedule(List<Timing> activities, double length, List<String> criticalPath) {
        public Timing timing(String key) {
            return activities.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
        }
    }

    private static final double EPSILON = 1e-9;

    private final List<Activity> order;
    private final Map<String, Activity> byKey;
    private final Map<String, List<String>> successors;

    public Network(Collection<Activity> activities) {
        this.byKey = new LinkedHashMap<>();
        for (Activity a : activities) {
            if (byKey.put(a.key(), a) != null) {
                throw new IllegalArgumentException("Two activities are called " + a.key());
            }
        }
        this.successors = new HashMap<>();
        byKey.values().forEach(a -> a.after().forEach(p -> {
            if (!byKey.containsKey(p)) {
                throw new IllegalArgumentException(a.key() + " waits for an unknown activity " + p);
            }
            successors.computeIfAbsent(p, k -> new ArrayList<>()).add(a.key());
        }));
        this.order = topological();
    }

    /** The activities, each after all it waits for. */
    public List<Activity> order() {
        return order;
    }

    /** The critical path method over the planned durations. */
    public Schedule schedule() {
        return schedule(Activity::days);
    }

    /** The critical path method over the durations given. */
    public Schedule schedule(ToDoubleFunction<Activity> days) {
        Map<String, Double> duration = new HashMap<>();
        Map<String, Double> es = new HashMap<>();
        Map<String, Double> ef = new HashMap<>();
        double length = 0;
        for (Activity a : order) {
            double d = days.applyAsDouble(a);
            duration.put(a.key(), d);
            double start = a.after().stream().mapToDouble(ef::get).max().orElse(0);
            es.put(a.key(), start);
            ef.put(a.key(), start + d);
            length = Math.max(length, start + d);
        }
        Map<String, Double> lf = new HashMap<>();
        Map<String, Double> ls = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            Activity a = order.get(i);
            double finish = successors.getOrDefault(a.key(), List.of()).stream().mapToDouble(ls::get).min().orElse(length);
            lf.put(a.key(), finish);
            ls.put(a.key(), finish - duration.get(a.key()));
        }
        List<Timing> timings = new ArrayList<>();
        for (Activity a : order) {
            double slack = ls.get(a.key()) - es.get(a.key());
            timings.add(new Timing(a.key(), duration.get(a.key()), es.get(a.key()), ef.get(a.key()), ls.get(a.key()),
                    lf.get(a.key()), Math.abs(slack) < EPSILON ? 0 : slack, Math.abs(slack) < EPSILON));
        }
        return new Schedule(List.copyOf(timings), length, chain(es, ef, length));
    }

    /** The length of the network over the durations given: the forward pass alone. */
    public double length(ToDoubleFunction<Activity> days) {
        Map<String, Double> ef = new HashMap<>();
        double length = 0;
        for (Activity a : order) {
            double start = 0;
            for (String p : a.after()) {
                start = Math.max(start, ef.get(p));
            }
            double finish = start + days.applyAsDouble(a);
            ef.put(a.key(), finish);
            length = Math.max(length, finish);
        }
        return length;
    }

    /** One chain of critical activities from a start to the end, each starting when the one before finishes. */
    private List<String> chain(Map<String, Double> es, Map<String, Double> ef, double length) {
        List<String> path = new ArrayList<>();
        String current = null;
        for (Activity a : order) {
            if (Math.abs(ef.get(a.key()) - length) < EPSILON) {
                current = a.key();
            }
        }
        while (current != null) {
            path.add(0, current);
            Activity a = byKey.get(current);
            String next = null;
            for (String p : a.after()) {
                if (Math.abs(ef.get(p) - es.get(current)) < EPSILON) {
                    next = p;
                    break;
                }
            }
            current = next;
        }
        return List.copyOf(path);
    }

    private List<Activity> topological() {
        Map<String, Integer> waiting = new HashMap<>();
        byKey.values().forEach(a -> waiting.put(a.key(), a.after().size()));
        Deque<String> ready = new ArrayDeque<>();
        byKey.values().stream().filter(a -> a.after().isEmpty()).forEach(a -> ready.add(a.key()));
        List<Activity> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            String key = ready.poll();
            out.add(byKey.get(key));
            for (String s : successors.getOrDefault(key, List.of())) {
                if (waiting.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
        }
        if (out.size() != byKey.size()) {
            throw new IllegalArgumentException("The network has a cycle");
        }
        return List.copyOf(out);
    }
}
