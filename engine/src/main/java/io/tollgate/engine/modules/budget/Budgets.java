package io.tollgate.engine.modules.budget;

import io.tollgate.engine.modules.ModuleActivity;
import io.tollgate.engine.modules.ProjectManagers;
import io.tollgate.engine.modules.budget.internal.BudgetCosts;
import io.tollgate.engine.modules.budget.internal.BudgetPlans;
import io.tollgate.engine.modules.budget.internal.BudgetRates;
import io.tollgate.engine.modules.timesheets.Timesheets;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The budget of projects: the manager plans a cost per stage, sets hourly rates and enters actual
 * costs; approved timesheet hours count as labour at the person's rate, or the project's default.
 */
@Service
@Transactional
public class Budgets {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    static final BigDecimal MAX_RATE = new BigDecimal("100000");

    private final BudgetPlans plans;
    private final BudgetRates rates;
    private final BudgetCosts costs;
    private final Timesheets timesheets;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Budgets(BudgetPlans plans, BudgetRates rates, BudgetCosts costs, Timesheets timesheets, ProjectService projects,
            ApplicationEventPublisher events, Clock clock) {
        this.plans = plans;
        this.rates = rates;
        this.costs = costs;
        this.timesheets = timesheets;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    /** Hourly rates: {@code defaultRate} for anyone without their own, {@code people} by username. */
    public record Rates(BigDecimal defaultRate, Map<String, BigDecimal> people) {
    }

    public record CostInput(String stage, BigDecimal amount, String description, LocalDate date) {
    }

    public record CostView(String id, String stage, BigDecimal amount, String description, LocalDate date,
                           String createdBy) {
        static CostView of(BudgetCost c) {
            return new CostView(c.id(), c.stageKey(), c.amount(), c.description(), c.spentOn(), c.createdBy());
        }
    }

    /** The budget page: the summary, the rates and the costs entered, and whether the caller may change them. */
    public record BudgetView(BudgetSummary summary, Rates rates, List<CostView> costs, boolean canEdit) {
    }

    /**
     * A project's budget summary for other features (the health score): no permission check, the
     * caller has already settled who asks. Answers a summary with zeros when nothing is planned.
     */
    @Transactional(readOnly = true)
    public BudgetSummary summary(String projectId) {
        Template template = projects.template(projectId);
        Map<String, BigDecimal> planned = plans.findByProjectId(projectId).stream()
                .collect(Collectors.toMap(BudgetPlan::stageKey, BudgetPlan::planned));
        Map<String, BigDecimal> spent = costs.findByProjectId(projectId).stream()
                .collect(Collectors.toMap(BudgetCost::stageKey, BudgetCost::amount, BigDecimal::add));
        Rates rates = rates(projectId);
        Map<String, BigDecimal> hours = new LinkedHashMap<>();
        Map<String, BigDecimal> labour = new LinkedHashMap<>();
        for (Timesheets.ApprovedHours h : timesheets.approvedHours(projectId)) {
            BigDecimal rate = rates.people().getOrDefault(h.user(), rates.defaultRate());
            hours.merge(h.stage(), h.hours(), BigDecimal::add);
            labour.merge(h.stage(), h.hours().multiply(rate), BigDecimal::add);
        }
        List<BudgetSummary.Stage> stages = new ArrayList<>();
        for (Stage s : template.stages()) {
            BigDecimal p = money(planned.get(s.key()));
            BigDecimal c = money(spent.get(s.key()));
            BigDecimal l = money(labour.get(s.key()));
            BigDecimal a = c.add(l);
            stages.add(new BudgetSummary.Stage(s.key(), s.label(), p, c, hours.getOrDefault(s.key(), BigDecimal.ZERO), l, a,
                    BudgetSummary.overrun(p, a), BudgetSummary.ratio(p, a)));
        }
        BigDecimal p = stages.stream().map(BudgetSummary.Stage::planned).reduce(money(null), BigDecimal::add);
        BigDecimal c = stages.stream().map(BudgetSummary.Stage::costs).reduce(money(null), BigDecimal::add);
        BigDecimal l = stages.stream().map(BudgetSummary.Stage::labour).reduce(money(null), BigDecimal::add);
        BigDecimal a = c.add(l);
        return new BudgetSummary(projectId, p, c, l, a, BudgetSummary.overrun(p, a), BudgetSummary.ratio(p, a), stages);
    }

    @Transactional(readOnly = true)
    public BudgetView view(String projectId, Actor actor) {
        Project project = projects.load(projectId, actor);
        boolean manager = ProjectManagers.manages(project, actor);
        List<CostView> list = costs.findByProjectId(projectId).stream()
                .sorted(Comparator.comparing(BudgetCost::spentOn).thenComparing(BudgetCost::createdAt))
                .map(CostView::of).toList();
        return new BudgetView(summary(projectId), rates(projectId), list, manager && project.active());
    }

    /** Plans stages: each key a stage of the project, each amount from 0; stages not named keep their plan. */
    public BudgetView plan(String projectId, Map<String, BigDecimal> stages, Actor actor) {
        managed(projectId, actor);
        Template template = projects.template(projectId);
        List<Problems.FieldError> errors = new ArrayList<>();
        if (stages == null || stages.isEmpty()) {
            errors.add(new Problems.FieldError("stages", "Name at least one stage and its planned cost."));
        } else {
            stages.forEach((key, amount) -> {
                if (template.stage(key).isEmpty()) {
                    errors.add(new Problems.FieldError("stages." + cut(key), "There is no such stage in this project."));
                } else {
                    amount("stages." + key, amount, MAX_AMOUNT, true, errors);
                }
            });
        }
        fail(errors);
        Map<String, BudgetPlan> existing = plans.findByProjectId(projectId).stream()
                .collect(Collectors.toMap(BudgetPlan::stageKey, p -> p));
        stages.forEach((key, amount) -> {
            BudgetPlan plan = existing.get(key);
            if (plan == null) {
                plans.save(new BudgetPlan(UUID.randomUUID().toString(), projectId, key, money(amount)));
            } else {
                plan.plan(money(amount));
            }
        });
        events.publishEvent(new ModuleActivity.BudgetPlanSet(actor.workspaceId(), projectId, actor.username(),
                amounts(stages), clock.instant()));
        return view(projectId, actor);
    }

    /** Replaces the project's rates. */
    public BudgetView setRates(String projectId, Rates given, Actor actor) {
        managed(projectId, actor);
        List<Problems.FieldError> errors = new ArrayList<>();
        if (given == null) {
            errors.add(new Problems.FieldError("defaultRate", "Send the rates."));
        } else {
            if (given.defaultRate() != null) {
                amount("defaultRate", given.defaultRate(), MAX_RATE, true, errors);
            }
            Map<String, BigDecimal> people = given.people() == null ? Map.of() : given.people();
            if (people.size() > 500) {
                errors.add(new Problems.FieldError("people", "At most 500 people."));
            }
            people.forEach((user, rate) -> {
                if (user == null || user.isBlank() || user.length() > 100 || user.equals(BudgetRate.DEFAULT)) {
                    errors.add(new Problems.FieldError("people", "A username of 1 to 100 characters."));
                } else {
                    amount("people." + user, rate, MAX_RATE, true, errors);
                }
            });
        }
        fail(errors);
        rates.deleteAll(rates.findByProjectId(projectId));
        rates.flush();
        if (given.defaultRate() != null) {
            rates.save(new BudgetRate(UUID.randomUUID().toString(), projectId, BudgetRate.DEFAULT, money(given.defaultRate())));
        }
        if (given.people() != null) {
            given.people().forEach((user, rate) ->
                    rates.save(new BudgetRate(UUID.randomUUID().toString(), projectId, user.trim(), money(rate))));
        }
        events.publishEvent(new ModuleActivity.BudgetRatesSet(actor.workspaceId(), projectId, actor.username(),
                given.defaultRate() == null ? null : money(given.defaultRate()),
                amounts(given.people() == null ? Map.of() : given.people()), clock.instant()));
        return view(projectId, actor);
    }

    public CostView addCost(String projectId, CostInput input, Actor actor) {
        managed(projectId, actor);
        Template template = projects.template(projectId);
        List<Problems.FieldError> errors = new ArrayList<>();
        if (input == null) {
            throw Problems.invalidFields("Send the cost.", List.of(new Problems.FieldError("amount", "Required.")));
        }
        if (input.stage() == null || template.stage(input.stage()).isEmpty()) {
            errors.add(new Problems.FieldError("stage", "A stage of this project is required."));
        }
        amount("amount", input.amount(), MAX_AMOUNT, false, errors);
        if (input.description() == null || input.description().isBlank()) {
            errors.add(new Problems.FieldError("description", "Say what the cost is."));
        } else if (input.description().length() > 300) {
            errors.add(new Problems.FieldError("description", "At most 300 characters."));
        }
        LocalDate date = input.date() == null ? LocalDate.now(clock) : input.date();
        if (date.getYear() < 2000 || date.isAfter(LocalDate.now(clock).plusYears(1))) {
            errors.add(new Problems.FieldError("date", "A date from 2000 to a year from today."));
        }
        fail(errors);
        BudgetCost cost = costs.save(new BudgetCost(UUID.randomUUID().toString(), projectId, input.stage(),
                money(input.amount()), input.description().trim(), date, actor.username(), clock.instant()));
        events.publishEvent(new ModuleActivity.BudgetCostEntered(actor.workspaceId(), projectId, actor.username(),
                cost.id(), cost.stageKey(), cost.amount(), cost.description(), cost.spentOn(), cost.createdAt()));
        return CostView.of(cost);
    }

    public void removeCost(String projectId, String costId, Actor actor) {
        managed(projectId, actor);
        BudgetCost cost = costs.findById(costId).filter(c -> c.projectId().equals(projectId))
                .orElseThrow(() -> Problems.notFound("budget-cost", "There is no cost '" + cut(costId) + "' in this project."));
        costs.delete(cost);
        events.publishEvent(new ModuleActivity.BudgetCostRemoved(actor.workspaceId(), projectId, actor.username(),
                cost.id(), cost.stageKey(), cost.amount(), cost.description(), clock.instant()));
    }

    private static List<ModuleActivity.Amount> amounts(Map<String, BigDecimal> given) {
        return new java.util.TreeMap<>(given).entrySet().stream()
                .map(e -> new ModuleActivity.Amount(e.getKey().trim(), money(e.getValue()))).toList();
    }

    private Rates rates(String projectId) {
        BigDecimal fallback = money(null);
        Map<String, BigDecimal> people = new java.util.TreeMap<>();
        for (BudgetRate r : rates.findByProjectId(projectId)) {
            if (r.username().equals(BudgetRate.DEFAULT)) {
                fallback = r.hourly();
            } else {
                people.put(r.username(), r.hourly());
            }
        }
        return new Rates(fallback, people);
    }

    private void managed(String projectId, Actor actor) {
        Project project = projects.load(projectId, actor);
        if (!ProjectManagers.manages(project, actor)) {
            throw Problems.forbidden("Only the project manager or an admin changes the budget.");
        }
        project.assertActive();
    }

    private static void amount(String path, BigDecimal value, BigDecimal max, boolean zeroAllowed,
                               List<Problems.FieldError> errors) {
        if (value == null) {
            errors.add(new Problems.FieldError(path, "Required."));
        } else if ((zeroAllowed ? value.signum() < 0 : value.signum() <= 0) || value.compareTo(max) > 0
                || value.stripTrailingZeros().scale() > 2) {
            errors.add(new Problems.FieldError(path, (zeroAllowed ? "From 0" : "More than 0") + " to "
                    + max.toPlainString() + ", in hundredths at most."));
        }
    }

    private static void fail(List<Problems.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The budget has invalid values.", errors);
        }
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP);
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
