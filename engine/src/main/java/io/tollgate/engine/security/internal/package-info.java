/** Persistence of users; only the security feature reaches it. */
package io.tollgate.engine.security.internal;
