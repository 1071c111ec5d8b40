package io.tollgate.engine.insight;

import io.tollgate.engine.insight.Forecast.StageInput;
import io.tollgate.engine.insight.Forecast.State;
import io.tollgate.engine.insight.Network.Activity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The forecast against cases whose distribution is known exactly, with fixed seeds. */
class ForecastTests {

    private static final List<Double> ONE_TO_TEN = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

    /**
     * One stage drawn uniformly from 1..9 days: P(longer than 7.5) = 2/9; P50 = 5 (5/9 of draws are at
     * most 5, 4/9 at most 4), P85 = 8 (7/9 are at most 7, 8/9 at most 8).
     */
    @Test
    void oneStageFromItsHistory() {
        Network network = new Network(List.of(new Activity("build", 4, Set.of())));
        Forecast.Result r = Forecast.simulate(network, Map.of("build", new StageInput("build", State.PENDING, 4, 0,
                ONE_TO_TEN.subList(0, 9))), 7.5, 100_000, 42, 5);
        assertThat(r.probabilityLate()).isCloseTo(2.0 / 9, within(0.01));
        assertThat(r.p50Days()).isEqualTo(5);
        assertThat(r.p85Days()).isEqualTo(8);
        assertThat(r.history()).containsEntry("build", 9);
    }

    /**
     * Two stages in a row, each 0 or 1 day with equal chance: the total is 0, 1 or 2 with chances
     * 1/4, 1/2, 1/4. Later than 1.5 days: 1/4. P50 = 1, P85 = 2.
     */
    @Test
    void twoStagesInARowAddUp() {
        List<Double> coin = List.of(0.0, 1.0);
        Network network = new Network(List.of(new Activity("a", 1, Set.of()), new Activity("b", 1, Set.of("a"))));
        Forecast.Result r = Forecast.simulate(network, Map.of("a", new StageInput("a", State.PENDING, 1, 0, coin),
                "b", new StageInput("b", State.PENDING, 1, 0, coin)), 1.5, 100_000, 7, 2);
        assertThat(r.probabilityLate()).isCloseTo(0.25, within(0.01));
        assertThat(r.p50Days()).isEqualTo(1);
        assertThat(r.p85Days()).isEqualTo(2);
    }

    /**
     * Two stages in parallel, each 0 or 1 day: the project takes the longer, 1 day unless both are 0
     * (chance 1/4). Later than 0.5 days: 3/4.
     */
    @Test
    void parallelStagesTakeTheLonger() {
        List<Double> coin = List.of(0.0, 1.0);
        Network network = new Network(List.of(new Activity("a", 1, Set.of()), new Activity("b", 1, Set.of())));
        Forecast.Result r = Forecast.simulate(network, Map.of("a", new StageInput("a", State.PENDING, 1, 0, coin),
                "b", new StageInput("b", State.PENDING, 1, 0, coin)), 0.5, 100_000, 11, 2);
        assertThat(r.probabilityLate()).isCloseTo(0.75, within(0.01));
    }

    /**
     * A stage running for 6 days whose history is 1..10 has 7, 8, 9 or 10 in all, so 1 to 4 days to
     * go, equally likely; a done stage adds nothing. Later than 2.5 days from now: 1/2; P85 = 4.
     */
    @Test
    void aRunningStageCountsWhatItHasLeft() {
        Network network = new Network(List.of(new Activity("plan", 3, Set.of()), new Activity("build", 4, Set.of("plan"))));
        Forecast.Result r = Forecast.simulate(network, Map.of("plan", new StageInput("plan", State.DONE, 3, 3, List.of()),
                "build", new StageInput("build", State.RUNNING, 4, 6, ONE_TO_TEN)), 2.5, 100_000, 3, 5);
        assertThat(r.probabilityLate()).isCloseTo(0.5, within(0.01));
        assertThat(r.p85Days()).isEqualTo(4);
    }

    /** Without enough history the prior is used: triangular over 0.8..1.6 of the plan, mode at the plan. */
    @Test
    void thinHistoryFallsBackToThePrior() {
        SplittableRandom random = new SplittableRandom(5);
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double d = Forecast.prior(10, random);
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // the mean of a triangular distribution is (a + b + c) / 3 = (8 + 10 + 16) / 3
        assertThat(sum / n).isCloseTo(34.0 / 3, within(0.02));
        assertThat(min).isGreaterThanOrEqualTo(8);
        assertThat(max).isLessThanOrEqualTo(16);

        Network network = new Network(List.of(new Activity("build", 10, Set.of())));
        Forecast.Result r = Forecast.simulate(network, Map.of("build", new StageInput("build", State.PENDING, 10, 0,
                List.of(3.0))), 10, 50_000, 9, 5);
        // P(X > 10) for that triangle = 1 - (10 - 8)^2 / ((16 - 8)(10 - 8)) = 0.75
        assertThat(r.probabilityLate()).isCloseTo(0.75, within(0.01));
        assertThat(r.history()).containsEntry("build", 0);
    }

    @Test
    void theSameSeedGivesTheSameAnswer() {
        Network network = new Network(List.of(new Activity("a", 2, Set.of()), new Activity("b", 3, Set.of("a"))));
        Map<String, StageInput> stages = Map.of("a", new StageInput("a", State.PENDING, 2, 0, List.of()),
                "b", new StageInput("b", State.PENDING, 3, 0, List.of()));
        assertThat(Forecast.simulate(network, stages, 5, 1000, 1, 5))
                .isEqualTo(Forecast.simulate(network, stages, 5, 1000, 1, 5));
    }
}
