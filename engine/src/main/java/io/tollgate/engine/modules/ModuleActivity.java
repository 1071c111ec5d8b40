package io.tollgate.engine.modules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What people did in the industry modules of a project. Each module publishes these in the
 * transaction of the change; the audit trail records them.
 */
public final class ModuleActivity {
    private ModuleActivity() {
    }

    /** Someone entered hours on a day and stage (and optionally a task) of a project. */
    public record TimesheetEntrySaved(String workspaceId, String projectId, String actor, LocalDate date, String stageKey,
                                      String taskKey, BigDecimal hours, Instant at) {
    }

    /** Someone removed one of their own hours entries before submitting the week. */
    public record TimesheetEntryRemoved(String workspaceId, String projectId, String actor, LocalDate date,
                                        String stageKey, BigDecimal hours, Instant at) {
    }

    /** Someone handed in their week of a project for approval. */
    public record TimesheetWeekSubmitted(String workspaceId, String projectId, String actor, LocalDate weekStart,
                                         BigDecimal total, Instant at) {
    }

    /** The project manager approved a person's submitted week, or returned it with a comment. */
    public record TimesheetWeekDecided(String workspaceId, String projectId, String actor, String user,
                                       LocalDate weekStart, boolean approved, String comment, Instant at) {
    }

    /** The project manager planned the cost of some stages. */
    public record BudgetPlanSet(String workspaceId, String projectId, String actor, List<Amount> stages, Instant at) {
    }

    /** The project manager replaced the hourly rates: the default one and those of named people. */
    public record BudgetRatesSet(String workspaceId, String projectId, String actor, BigDecimal defaultRate,
                                 List<Amount> people, Instant at) {
    }

    /** The project manager entered an actual cost against a stage. */
    public record BudgetCostEntered(String workspaceId, String projectId, String actor, String costId, String stageKey,
                                    BigDecimal amount, String description, LocalDate spentOn, Instant at) {
    }

    /** The project manager removed a cost entered before. */
    public record BudgetCostRemoved(String workspaceId, String projectId, String actor, String costId, String stageKey,
                                    BigDecimal amount, String description, Instant at) {
    }

    /** A named amount: a stage's planned cost or a person's rate. */
    public record Amount(String key, BigDecimal amount) {
    }

    /** A project manager planned a release. */
    public record ReleaseCreated(String workspaceId, String projectId, String actor, String releaseId, String version,
                                 LocalDate plannedOn, Instant at) {
    }

    /** A project manager changed a release's version, date, notes or links. */
    public record ReleaseChanged(String workspaceId, String projectId, String actor, String releaseId, String version,
                                 List<String> changed, Instant at) {
    }

    /** A project manager marked a release ready to ship, or took the mark back. */
    public record ReleaseReadyMarked(String workspaceId, String projectId, String actor, String releaseId,
                                     String version, boolean ready, Instant at) {
    }

    /** Someone raised a risk in a project's register. */
    public record RiskRaised(String workspaceId, String projectId, String actor, String riskId, String title,
                             int probability, int impact, Instant at) {
    }

    /** Someone reassessed a risk or moved it to another status. */
    public record RiskUpdated(String workspaceId, String projectId, String actor, String riskId, String title,
                              int probability, int impact, String status, Instant at) {
    }

    /** Someone checked in to a project today (again, when they change their note or file). */
    public record CheckedIn(String workspaceId, String projectId, String actor, LocalDate day, boolean withFile,
                            Instant at) {
    }
}
