/** The append-only audit trail: who did what, when, to which project. */
package io.tollgate.engine.audit;
