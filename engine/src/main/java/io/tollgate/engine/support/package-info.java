/**
 * Cross-cutting web support: RFC 9457 problem answers for every error wherever it is raised, the
 * API's request limits (size, nesting, control characters), idempotency keys, and the one clock.
 */
package io.tollgate.engine.support;
