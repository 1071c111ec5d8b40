/** The inbox and task completion: who may complete what, with which field values, and when. */
package io.tollgate.engine.task;
