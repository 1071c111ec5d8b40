package io.tollgate.engine.insight;

import io.tollgate.engine.insight.HealthScore.Facts;
import io.tollgate.engine.insight.HealthScore.LateStage;
import io.tollgate.engine.insight.HealthScore.Settings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the health score, with the default settings: 10 points a day late (at most 60),
 * 2 per percent over budget (at most 40), 10 per rework (at most 30), 40 per lapsed condition;
 * yellow below 80, red below 50. */
class HealthScoreTests {

    private static final Settings DEFAULTS = Settings.defaults();

    @Test
    void onTrackIsGreen() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, budget("50000", "50000"), 0, List.of()), DEFAULTS);
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
    void budgetOverrunCountsPerPercentAndSaysTheAmounts() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, budget("50000", "56000"), 0, List.of()), DEFAULTS);
        assertThat(s.score()).isEqualTo(76);
        assertThat(s.en()).isEqualTo("yellow: budget 12% over: 56,000 of 50,000");
        assertThat(s.zh()).isEqualTo("黄：预算超支 12%：已花费 56,000，预算 50,000");
        assertThat(s.parts()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("budget");
            assertThat(p.points()).isEqualTo(24.0);
        });
        assertThat(HealthScore.of(new Facts(List.of(), 0, budget("50000", "47500"), 0, List.of()), DEFAULTS).score())
                .as("under budget takes nothing off").isEqualTo(100);
    }

    @Test
    void aFractionalOverrunKeepsOneDecimalAndCents() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, budget("1000", "1012.50"), 0, List.of()), DEFAULTS);
        assertThat(s.en()).isEqualTo("green: budget 1.3% over: 1,012.5 of 1,000");
        assertThat(s.score()).as("2 points per percent: 2.6 off").isEqualTo(97);
    }

    @Test
    void budgetPointsStopAtTheirCap() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(), 0, budget("100", "300"), 0, List.of()), DEFAULTS);
        assertThat(s.score()).as("200% over, capped at 40 points").isEqualTo(60);
        assertThat(s.en()).isEqualTo("yellow: budget 200% over: 300 of 100");
    }

    @Test
    void noPlannedBudgetTakesNothingOff() {
        assertThat(HealthScore.of(new Facts(List.of(), 0, budget("0", "5000"), 0, List.of()), DEFAULTS).score())
                .isEqualTo(100);
        assertThat(HealthScore.of(new Facts(List.of(), 0, null, 0, List.of()), DEFAULTS).parts()).isEmpty();
    }

    @Test
    void everyPartAddsUpInOrder() {
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Testing", 1.5)), 0, budget("200", "210"), 1,
                List.of()), DEFAULTS);
        assertThat(s.score()).isEqualTo(100 - 15 - 10 - 10);
        assertThat(s.en()).isEqualTo("yellow: Testing is 1.5 working days late; budget 5% over: 210 of 200; rework 1");
        assertThat(s.zh()).isEqualTo("黄：Testing 延误 1.5 个工作日；预算超支 5%：已花费 210，预算 200；返工 1 次");
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
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Build", 4)), 0, budget("100", "110"), 0, List.of()),
                DEFAULTS);
        assertThat(s.score()).isEqualTo(40);
        assertThat(s.colour()).isEqualTo("red");
    }

    @Test
    void settingsChangeTheWeights() {
        Settings lenient = new Settings(5, 60, 1, 40, 5, 30, 40, 70, 30);
        HealthScore.Score s = HealthScore.of(new Facts(List.of(new LateStage("Build", 4)), 0, budget("100", "110"), 0, List.of()), lenient);
        assertThat(s.score()).isEqualTo(70);
        assertThat(s.colour()).isEqualTo("green");
    }

    private static HealthScore.Budget budget(String planned, String actual) {
        return new HealthScore.Budget(new BigDecimal(planned), new BigDecimal(actual));
    }
}
