/**
 * Work items: the tasks of stages and each approver's part of a gate. The inbox, completing tasks
 * with their fields, delegation; kept in step with the engine's user tasks.
 */
package io.tollgate.engine.work;
