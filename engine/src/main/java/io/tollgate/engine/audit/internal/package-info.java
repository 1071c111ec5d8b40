/** Persistence of the audit trail; only the audit feature reaches it. */
package io.tollgate.engine.audit.internal;
