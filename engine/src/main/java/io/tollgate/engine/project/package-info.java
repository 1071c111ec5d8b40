/**
 * Projects and their read model: stages, work items (tasks and approvals) and decisions, kept in
 * step with the engine by its events in the same transaction.
 */
package io.tollgate.engine.project;
