package io.tollgate.engine.modules.budget.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.modules.budget.Budgets;
import io.tollgate.engine.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Map;

@RestController
@RequestMapping("/api/projects/{projectId}/budget")
@Tag(name = "Budget")
class BudgetController {

    private static final String NOT_FOUND = "There is no such project visible to you, or the budget module is off in "
            + "your workspace.";

    private final Budgets budgets;
    private final Actors actors;

    BudgetController(Budgets budgets, Actors actors) {
        this.budgets = budgets;
        this.actors = actors;
    }

    /** Planned cost by stage key. */
    record Plan(Map<String, BigDecimal> stages) {
    }

    @Operation(operationId = "getBudget", summary = "A project's budget: planned, actual and overrun per stage",
            description = "Actual is the costs entered plus approved timesheet hours times hourly rates.")
    @ApiResponse(responseCode = "200", description = "The budget", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping
    Budgets.BudgetView get(@PathVariable String projectId) {
        return budgets.view(projectId, actors.current());
    }

    @Operation(operationId = "planBudget", summary = "Plan the cost of stages",
            description = "By the project manager or an admin. Stages not named keep their plan.")
    @ApiResponse(responseCode = "200", description = "The budget", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Unknown stages or amounts out of bounds: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @PutMapping("/plan")
    Budgets.BudgetView plan(@PathVariable String projectId, @RequestBody(required = false) Plan body) {
        return budgets.plan(projectId, body == null ? null : body.stages(), actors.current());
    }

    @Operation(operationId = "setBudgetRates", summary = "Set the hourly rates",
            description = "By the project manager or an admin; replaces the rates: a default and one per person.")
    @ApiResponse(responseCode = "200", description = "The budget", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Rates out of bounds: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @PutMapping("/rates")
    Budgets.BudgetView rates(@PathVariable String projectId, @RequestBody(required = false) Budgets.Rates body) {
        return budgets.setRates(projectId, body, actors.current());
    }

    @Operation(operationId = "addBudgetCost", summary = "Enter an actual cost against a stage",
            description = "By the project manager or an admin.")
    @ApiResponse(responseCode = "201", description = "The cost", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values are missing or break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @PostMapping("/costs")
    @ResponseStatus(HttpStatus.CREATED)
    Budgets.CostView addCost(@PathVariable String projectId, @RequestBody(required = false) Budgets.CostInput body) {
        return budgets.addCost(projectId, body, actors.current());
    }

    @Operation(operationId = "deleteBudgetCost", summary = "Remove a cost entered by mistake")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND + " Or there is no such cost.")
    @DeleteMapping("/costs/{costId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeCost(@PathVariable String projectId, @PathVariable String costId) {
        budgets.removeCost(projectId, costId, actors.current());
    }
}
