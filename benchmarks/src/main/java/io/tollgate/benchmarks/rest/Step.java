package io.tollgate.benchmarks.rest;

import java.util.Map;

/**
 * The figures of one step: one side (Tollgate over REST, or Flowable's Java API) at one number of
 * concurrent clients, over the measured window.
 */
record Step(String side, int clients, double seconds, long projects, long completions, long errors, long commits,
            double cpuSeconds, Map<String, double[]> latencies) {

    /** The same figures under another side's name, such as the engine's history level. */
    Step named(String name) {
        return new Step(name, clients, seconds, projects, completions, errors, commits, cpuSeconds, latencies);
    }

    double completionsPerSecond() {
        return completions / seconds;
    }

    double projectsPerSecond() {
        return projects / seconds;
    }

    double commitsPerCompletion() {
        return completions == 0 ? 0 : (double) commits / completions;
    }

    double cpuMillisPerCompletion() {
        return completions == 0 ? 0 : cpuSeconds * 1000 / completions;
    }
}
