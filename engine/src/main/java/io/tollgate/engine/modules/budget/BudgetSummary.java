package io.tollgate.engine.modules.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A project's budget at a glance: planned cost, actual cost (costs entered plus approved hours times
 * rates) and the overrun, in total and per stage. {@code overrunRatio} is actual divided by planned
 * minus one (0.25 means a quarter over; negative means under), or null while nothing is planned.
 * {@code overrun} is how much actual exceeds planned, never negative.
 */
public record BudgetSummary(String projectId, BigDecimal planned, BigDecimal costs, BigDecimal labour,
                            BigDecimal actual, BigDecimal overrun, BigDecimal overrunRatio, List<Stage> stages) {

    /** One stage's plan and actuals; {@code overrun} and {@code overrunRatio} as for the project. */
    public record Stage(String key, String name, BigDecimal planned, BigDecimal costs, BigDecimal hours,
                        BigDecimal labour, BigDecimal actual, BigDecimal overrun, BigDecimal overrunRatio) {
    }

    /** Whether the actual cost exceeds the plan. */
    public boolean overrunning() {
        return overrun.signum() > 0;
    }

    static BigDecimal overrun(BigDecimal planned, BigDecimal actual) {
        return actual.subtract(planned).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal ratio(BigDecimal planned, BigDecimal actual) {
        return planned.signum() == 0 ? null : actual.divide(planned, 4, RoundingMode.HALF_UP).subtract(BigDecimal.ONE);
    }
}
