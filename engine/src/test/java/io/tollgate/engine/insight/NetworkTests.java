package io.tollgate.engine.insight;

import io.tollgate.engine.insight.Network.Activity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The critical path method on networks whose answers are worked out by hand in each test. */
class NetworkTests {

    @Test
    void aChainIsCriticalThroughout() {
        Network.Schedule s = new Network(List.of(new Activity("a", 3, Set.of()), new Activity("b", 2, Set.of("a")),
                new Activity("c", 4, Set.of("b")))).schedule();
        assertThat(s.length()).isEqualTo(9);
        assertThat(s.criticalPath()).containsExactly("a", "b", "c");
        assertThat(s.timing("c").earliestStart()).isEqualTo(5);
        assertThat(s.activities()).allMatch(t -> t.slack() == 0 && t.critical());
    }

    /**
     * design (5) forks into build (10) and docs (3); both join at test (4). Forward: design 0-5, build
     * 5-15, docs 5-8, test 15-19. Backward: test 15-19, build 5-15, docs LF 15 so LS 12 (float 7).
     */
    @Test
    void parallelBranchesGiveTheShortOneItsFloat() {
        Network.Schedule s = new Network(List.of(new Activity("design", 5, Set.of()),
                new Activity("build", 10, Set.of("design")), new Activity("docs", 3, Set.of("design")),
                new Activity("test", 4, Set.of("build", "docs")))).schedule();
        assertThat(s.length()).isEqualTo(19);
        assertThat(s.criticalPath()).containsExactly("design", "build", "test");
        Network.Timing docs = s.timing("docs");
        assertThat(docs.earliestStart()).isEqualTo(5);
        assertThat(docs.earliestFinish()).isEqualTo(8);
        assertThat(docs.latestStart()).isEqualTo(12);
        assertThat(docs.latestFinish()).isEqualTo(15);
        assertThat(docs.slack()).isEqualTo(7);
        assertThat(docs.critical()).isFalse();
        assertThat(s.timing("test").latestStart()).isEqualTo(15);
    }

    /**
     * The long branch is a stage skipped by its {@code when}: it lasts zero days, so the other branch
     * (2 days) becomes critical and the skipped one has 2 days of float. a 1, then x (skipped, was 8)
     * and y 2 in parallel, then z 1: length 4.
     */
    @Test
    void aSkippedStageLastsNothingButStillPassesItsPredecessorsOn() {
        Network.Schedule s = new Network(List.of(new Activity("a", 1, Set.of()), new Activity("x", 0, Set.of("a")),
                new Activity("y", 2, Set.of("a")), new Activity("z", 1, Set.of("x", "y")))).schedule();
        assertThat(s.length()).isEqualTo(4);
        assertThat(s.criticalPath()).containsExactly("a", "y", "z");
        assertThat(s.timing("x").slack()).isEqualTo(2);
        assertThat(s.timing("z").earliestStart()).isEqualTo(3);
    }

    /**
     * Two starts and two ends: p 2 and q 6 start at once; r 3 after p; s 1 after p and q. Ends at
     * r 5 and s 7: length 7, critical q then s; p has LF min(LS r = 4, LS s = 6) = 4, float 2; r float 2.
     */
    @Test
    void severalStartsAndEnds() {
        Network.Schedule s = new Network(List.of(new Activity("p", 2, Set.of()), new Activity("q", 6, Set.of()),
                new Activity("r", 3, Set.of("p")), new Activity("s", 1, Set.of("p", "q")))).schedule();
        assertThat(s.length()).isEqualTo(7);
        assertThat(s.criticalPath()).containsExactly("q", "s");
        assertThat(s.timing("p").latestFinish()).isEqualTo(4);
        assertThat(s.timing("p").slack()).isEqualTo(2);
        assertThat(s.timing("r").slack()).isEqualTo(2);
    }

    @Test
    void refusesCyclesUnknownPredecessorsAndTwins() {
        assertThatThrownBy(() -> new Network(List.of(new Activity("a", 1, Set.of("b")), new Activity("b", 1, Set.of("a")))))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> new Network(List.of(new Activity("a", 1, Set.of("nope")))))
                .hasMessageContaining("unknown");
        assertThatThrownBy(() -> new Network(List.of(new Activity("a", 1, Set.of()), new Activity("a", 2, Set.of()))))
                .hasMessageContaining("Two activities");
    }
}
