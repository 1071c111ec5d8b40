/**
 * Insight for managers: the schedule network of a project (critical path and float), the forecast
 * of its finish by simulation over historical stage durations, and its health score with the
 * contribution of each part.
 */
package io.tollgate.engine.insight;
