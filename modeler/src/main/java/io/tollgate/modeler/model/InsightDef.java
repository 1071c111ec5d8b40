package io.tollgate.modeler.model;

/**
 * What the health score reads from a project's own fields where the workspace keeps no budget:
 * the money field holding the budget and the money field holding the actual cost so far.
 */
public record InsightDef(String budgetField, String actualField) {
}
