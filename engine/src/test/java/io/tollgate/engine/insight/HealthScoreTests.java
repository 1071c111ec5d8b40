package io.tollgate.engine.insight;

import io.tollgate.engine.insight.HealthScore.Facts;
import io.tollgate.engine.insight.HealthScore.LateStage;
import io.tollgate.engine.insight.HealthScore.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the health score, with the default settings: 10 points a day late (at most 60),
 * 2 per percent over budget (at most 40), 10 per rework (at most 30), 40 per lapsed condition;
 * yellow below 80, red below 50. */
class HealthScoreTests {

    private static final Settings DEFAULTS = Settings.defaults();

    @Test
    void onTrackIsGreen() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, 0.0, 0, List.of()), DEFAULTS);
        assertThat(s.score()).isEqualTo(100);
        assertThat(s.colour()).isEqualTo("green");
        assertThat(s.en()).isEqualTo("green: on track");
        assertThat(s.zh()).isEqualTo("绿：进展正常");
    }

    @Test
    void theWorstLatenessCountsPerWorkingDayUpToItsCap() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Testing", 3), new LateStage("Docs", 1)), 0,
                null, 0, List.of()), DEFAULTS);
        assertThat(s.score()).isEqualTo(70);
        assertThat(s.colour()).isEqualTo("yellow");
        assertThat(s.en()).isEqualTo("yellow: Testing is 3 working days late, Docs is 1 working day late");
        assertThat(s.zh()).isEqualTo("黄：Testing 延误 3 个工作日，Docs 延误 1 个工作日");
        assertThat(HealthScore.of(new Facts(List.of(new LateStage("Testing", 30)), 0, null, 0, List.of()), DEFAULTS)
                .score()).as("capped at 60 points").isEqualTo(40);
    }

    @Test
    void aLateForecastCountsWhenWorseThanTheStages() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Build", 1)), 2.5, null, 0, List.of()),
                DEFAULTS);
        assertThat(s.score()).isEqualTo(75);
        assertThat(s.parts().get(0).en()).contains("forecast to finish 2.5 working days late");
    }

    @Test
    void budgetOverrunCountsPerPercent() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, 12.0, 0, List.of()), DEFAULTS);
        assertThat(s.score()).isEqualTo(76);
        assertThat(s.en()).isEqualTo("yellow: budget 12% over");
        assertThat(HealthScore.of(new Facts(List.of(), 0, -5.0, 0, List.of()), DEFAULTS).score())
                .as("under budget takes nothing off").isEqualTo(100);
    }

    @Test
    void reworkCountsPerRoundUpToItsCap() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Testing", 3)), 0, null, 2, List.of()),
                DEFAULTS);
        assertThat(s.score()).isEqualTo(50);
        assertThat(s.colour()).isEqualTo("yellow");
        assertThat(s.en()).isEqualTo("yellow: Testing is 3 working days late; rework 2");
        assertThat(HealthScore.of(new Facts(List.of(), 0, null, 9, List.of()), DEFAULTS).score()).isEqualTo(70);
    }

    @Test
    void aLapsedConditionMakesItRed() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, null, 0, List.of("security review")), DEFAULTS);
        assertThat(s.score()).isEqualTo(60);
        assertThat(s.colour()).isEqualTo("red");
        assertThat(s.en()).isEqualTo("red: 1 condition of a Conditional Go lapsed: security review");
    }

    @Test
    void belowTheRedThresholdIsRed() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Build", 4)), 0, 10.0, 0, List.of()),
                DEFAULTS);
        assertThat(s.score()).isEqualTo(40);
        assertThat(s.colour()).isEqualTo("red");
    }

    @Test
    void settingsChangeTheWeights() {
        Settings lenient = new Settings(5, 60, 1, 40, 5, 30, 40, 70, 30);
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Build", 4)), 0, 10.0, 0, List.of()), lenient);
        assertThat(s.score()).isEqualTo(70);
        assertThat(s.colour()).isEqualTo("green");
    }
}
