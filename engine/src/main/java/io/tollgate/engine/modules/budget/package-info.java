/**
 * The budget module: planned cost per stage against actual costs entered and approved timesheet hours
 * times hourly rates. {@link io.tollgate.engine.modules.budget.Budgets#summary(String)} answers a
 * project's {@link io.tollgate.engine.modules.budget.BudgetSummary} for other features, such as the
 * health score, through the named interface {@code budget}.
 */
@org.springframework.modulith.NamedInterface("budget")
package io.tollgate.engine.modules.budget;
