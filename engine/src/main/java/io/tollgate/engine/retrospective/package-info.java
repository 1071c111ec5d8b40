/**
 * Retrospectives and knowledge: what the manager of a completed project recorded about it (what went
 * well, what to improve, a note per stage), read by the project's people and searched across the
 * workspace. Publishes {@link io.tollgate.engine.retrospective.RetrospectiveEvents}.
 */
package io.tollgate.engine.retrospective;
