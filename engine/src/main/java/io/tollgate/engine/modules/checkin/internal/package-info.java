/** Persistence of check-ins. */
package io.tollgate.engine.modules.checkin.internal;
