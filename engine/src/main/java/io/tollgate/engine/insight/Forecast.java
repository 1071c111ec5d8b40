package io.tollgate.engine.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When a project will finish: a Monte Carlo simulation over its schedule network. Each run draws
 * every stage still to go from the durations the same template's stage took before (when there are
 * at least {@code minHistory} of them), otherwise from a prior around its planned duration
 * (triangular: 0.8, 1 and 1.6 times the plan, since work overruns more often and by more than it
 * underruns). A running stage draws from the durations longer than it has run so far and counts
 * the rest; one that has outrun all its history is given a quarter of a drawn duration more. The
 * project's finish is the longest path through the drawn durations, in working days from now.
 */
public final class Forecast {

    /** Where a stage stands. */
    public enum State { DONE, SKIPPED, RUNNING, PENDING }

    /** A stage as the forecast needs it: plan, history of the same stage, days run so far. */
    public record StageInput(String key, State state, double plannedDays, double elapsedDays, List<Double> history) {
        public StageInput {
            history = List.copyOf(history);
        }
    }

    /**
     * The answer: the chance of finishing after the target, the P50 and P85 finish in working days
     * from now, the runs made, and per stage how many historical durations it drew from (0: the prior).
     */
    public record Result(double probabilityLate, double p50Days, double p85Days, int runs, Map<String, Integer> history) {
    }

    private Forecast() {
    }

    public static Result simulate(Network network, Map<String, StageInput> stages, double targetDays, int runs,
                                  long seed, int minHistory) {
        if (runs < 1) {
            throw new IllegalArgumentException("At least one run");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] lengths = new double[runs];
        int late = 0;
        for (int i = 0; i < runs; i++) {
            Map<String, Double> drawn = new LinkedHashMap<>();
            for (Network.Activity a : network.order()) {
                StageInput s = stages.get(a.key());
                drawn.put(a.key(), s == null ? a.days() : remaining(s, random, minHistory));
            }
            lengths[i] = network.length(a -> drawn.get(a.key()));
            if (lengths[i] > targetDays + 1e-9) {
                late++;
            }
        }
        Arrays.sort(lengths);
        Map<String, Integer> used = new LinkedHashMap<>();
        for (Network.Activity a : network.order()) {
            StageInput s = stages.get(a.key());
            used.put(a.key(), s == null || s.history().size() < minHistory ? 0 : s.history().size());
        }
        return new Result((double) late / runs, quantile(lengths, 0.50), quantile(lengths, 0.85), runs, used);
    }

    static double remaining(StageInput s, SplittableRandom random, int minHistory) {
        switch (s.state()) {
            case DONE, SKIPPED -> {
                return 0;
            }
            case PENDING -> {
                return draw(s, random, minHistory);
            }
            default -> {
                if (s.history().size() >= minHistory) {
                    List<Double> longer = new ArrayList<>();
                    for (double d : s.history()) {
                        if (d > s.elapsedDays()) {
                            longer.add(d);
                        }
                    }
                    if (!longer.isEmpty()) {
                        return longer.get(random.nextInt(longer.size())) - s.elapsedDays();
                    }
                    return 0.25 * draw(s, random, minHistory);
                }
                double d = prior(s.plannedDays(), random);
                return d > s.elapsedDays() ? d - s.elapsedDays() : 0.25 * d;
            }
        }
    }

    private static double draw(StageInput s, SplittableRandom random, int minHistory) {
        return s.history().size() >= minHistory ? s.history().get(random.nextInt(s.history().size()))
                : prior(s.plannedDays(), random);
    }

    /** Triangular over [0.8 p, 1.6 p] with its mode at p, by inverting its distribution function. */
    static double prior(double planned, SplittableRandom random) {
        if (planned <= 0) {
            return 0;
        }
        double a = 0.8 * planned;
        double c = planned;
        double b = 1.6 * planned;
        double u = random.nextDouble();
        double split = (c - a) / (b - a);
        return u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }

    /** The smallest value with at least that share of the values at or below it. */
    static double quantile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
