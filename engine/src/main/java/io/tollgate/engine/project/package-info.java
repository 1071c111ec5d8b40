/**
 * Projects and their stages: starting, reading, editing fields, cancelling, and the stage state
 * machine kept in step with the engine. Publishes {@link io.tollgate.engine.project.ProjectEvents}.
 */
package io.tollgate.engine.project;
