/** Persistence of retrospectives. */
package io.tollgate.engine.retrospective.internal;
