/** Cross-cutting web support: RFC 9457 problem answers for every error. */
package io.tollgate.engine.support;
