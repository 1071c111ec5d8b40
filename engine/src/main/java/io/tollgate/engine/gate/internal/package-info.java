/** Persistence of decisions and pending resubmissions; only the gate feature reaches it. */
package io.tollgate.engine.gate.internal;
