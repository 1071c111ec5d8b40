package io.tollgate.engine.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A project's health as a score out of 100 with a visible formula: points are taken off for being
 * late (per working day of the worst of the stages' lateness and the forecast's), for the budget
 * overrun (per percent), for rework (per send-back or rejection) and for each lapsed condition of a
 * Conditional Go; each part capped where the settings say. The colour follows the score, and any
 * lapsed condition makes it red. Every part says what it counted, in English and Chinese.
 */
public final class HealthScore {

    /** Weights and thresholds, per workspace. */
    public record Settings(double pointsPerDayLate, double maxSchedulePoints, double pointsPerOverrunPercent,
                           double maxBudgetPoints, double pointsPerRework, double maxReworkPoints,
                           double pointsPerLapsedCondition, int yellowBelow, int redBelow) {

        public static Settings defaults() {
            return new Settings(10, 60, 2, 40, 10, 30, 40, 80, 50);
        }
    }

    /** A stage late by some working days. */
    public record LateStage(String name, double workingDays) {
    }

    /** A project's budget and its actual cost so far, from the budget module or from the template's money fields. */
    public record Budget(BigDecimal planned, BigDecimal actual) {

        /** How far actual exceeds planned, in percent of planned (negative when under); 0 without a plan. */
        public double overrunPercent() {
            if (planned == null || actual == null || planned.signum() <= 0) {
                return 0;
            }
            return actual.subtract(planned).multiply(BigDecimal.valueOf(100)).divide(planned, 1, RoundingMode.HALF_UP)
                    .doubleValue();
        }
    }

    /**
     * What happened: late stages (in working days), the working days the forecast's P50 finishes
     * after the target (0 when on time or unknown), the budget ({@code null} when none is known), the
     * rework count, and the lapsed conditions.
     */
    public record Facts(List<LateStage> lateStages, double forecastDaysLate, Budget budget,
                        int reworkCount, List<String> lapsedConditions) {
    }

    /** One part of the score: what it is, the points it took off, and why in words. */
    public record Part(String kind, double points, String en, String zh) {
    }

    /** The score, its colour, its parts and the whole in one line per language. */
    public record Score(int score, String colour, List<Part> parts, String en, String zh) {
    }

    private HealthScore() {
    }

    public static Score of(Facts facts, Settings settings) {
        List<Part> parts = new ArrayList<>();
        double worstStage = facts.lateStages().stream().mapToDouble(LateStage::workingDays).max().orElse(0);
        double late = Math.max(worstStage, facts.forecastDaysLate());
        if (late > 0) {
            double points = Math.min(settings.maxSchedulePoints(), settings.pointsPerDayLate() * late);
            List<String> en = new ArrayList<>();
            List<String> zh = new ArrayList<>();
            for (LateStage s : facts.lateStages()) {
                if (s.workingDays() > 0) {
                    en.add(s.name() + " is " + days(s.workingDays()) + " working day" + (s.workingDays() == 1 ? "" : "s")
                            + " late");
                    zh.add(s.name() + " 延误 " + days(s.workingDays()) + " 个工作日");
                }
            }
            if (facts.forecastDaysLate() > worstStage) {
                en.add("forecast to finish " + days(facts.forecastDaysLate()) + " working days late");
                zh.add("预计延期 " + days(facts.forecastDaysLate()) + " 个工作日完成");
            }
            parts.add(new Part("schedule", points, String.join(", ", en), String.join("，", zh)));
        }
        double pct = facts.budget() == null ? 0 : facts.budget().overrunPercent();
        if (pct > 0) {
            String actual = money(facts.budget().actual());
            String planned = money(facts.budget().planned());
            parts.add(new Part("budget", Math.min(settings.maxBudgetPoints(), settings.pointsPerOverrunPercent() * pct),
                    "budget " + days(pct) + "% over: " + actual + " of " + planned,
                    "预算超支 " + days(pct) + "%：已花费 " + actual + "，预算 " + planned));
        }
        if (facts.reworkCount() > 0) {
            parts.add(new Part("rework", Math.min(settings.maxReworkPoints(), settings.pointsPerRework() * facts.reworkCount()),
                    "rework " + facts.reworkCount(), "返工 " + facts.reworkCount() + " 次"));
        }
        int lapsed = facts.lapsedConditions().size();
        if (lapsed > 0) {
            parts.add(new Part("conditions", settings.pointsPerLapsedCondition() * lapsed,
                    lapsed + " condition" + (lapsed == 1 ? "" : "s") + " of a Conditional Go lapsed: "
                            + String.join(", ", facts.lapsedConditions()),
                    lapsed + " 项有条件通过的条件已逾期：" + String.join("，", facts.lapsedConditions())));
        }
        double taken = parts.stream().mapToDouble(Part::points).sum();
        int score = (int) Math.max(0, Math.round(100 - taken));
        String colour = lapsed > 0 || score < settings.redBelow() ? "red" : score < settings.yellowBelow() ? "yellow" : "green";
        String en = colour + (parts.isEmpty() ? ": on track" : ": " + String.join("; ", parts.stream().map(Part::en).toList()));
        String zhColour = switch (colour) {
            case "red" -> "红";
            case "yellow" -> "黄";
            default -> "绿";
        };
        String zh = zhColour + (parts.isEmpty() ? "：进展正常" : "：" + String.join("；", parts.stream().map(Part::zh).toList()));
        return new Score(score, colour, List.copyOf(parts), en, zh);
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }

    private static String days(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
