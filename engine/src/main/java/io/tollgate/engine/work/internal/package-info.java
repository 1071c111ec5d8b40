/** Persistence of work items; only the work feature reaches it. */
package io.tollgate.engine.work.internal;
