package io.tollgate.engine.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The dashboard of a workspace for one template (or all), one period and one group (or everyone).
 * Projects, stages and gates count the projects started in the period; people count the work done in
 * it; throughput the projects completed in it, per week; the overdue list is as of now. Durations
 * are in calendar days; rates are shares from 0 to 1, {@code null} when nothing was there to count.
 */
public record Dashboard(Filters filters, Projects projects, List<Count> byStatus, List<StageCount> byStage,
                        List<StageCycle> stages, List<GateRework> gates, List<Overdue> overdue, List<Person> people,
                        List<StageWork> stageWork, List<Week> throughput) {

    /** The filters applied, and the period as instants: from (included) to (excluded). */
    public record Filters(String template, String period, String group, Instant from, Instant to) {
    }

    /** Cycle-time statistics in days. */
    public record Stats(long count, Double mean, Double p50, Double p85, Double p95) {
    }

    /** The projects started in the period. */
    public record Projects(long started, long active, long onHold, long completed, long cancelled,
                           Double completionRate, long onTime, Double onTimeRate, Stats cycle) {
    }

    public record Count(String status, long count) {
    }

    /** Running projects by the stage they are in. */
    public record StageCount(String template, String stage, String name, long projects) {
    }

    /** How long a stage took, from its first start to its gate's pass, over its rounds. */
    public record StageCycle(String template, String stage, String name, Stats cycle) {
    }

    /** Of the rounds that ended at a gate (passed, or sent back), the share that sent the work back. */
    public record GateRework(String template, String stage, String name, long passed, long recycled, Double reworkRate) {
    }

    /** A stage running past its due date. */
    public record Overdue(String projectId, String project, String template, String stage, String name, Instant dueAt,
                          double daysLate) {
    }

    /** Work a person did in the period and how long it waited for them on average, in hours. */
    public record Person(String user, long tasks, long decisions, Double meanHandlingHours) {
    }

    /** Work done at a stage in the period and its mean handling time in hours. */
    public record StageWork(String template, String stage, long items, Double meanHandlingHours) {
    }

    /** Projects completed in a week (starting Monday, in the workspace's time zone). */
    public record Week(LocalDate week, long completed) {
    }
}
