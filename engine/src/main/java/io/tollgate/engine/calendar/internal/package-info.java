/** Persistence of workspace calendars; only the calendar feature reaches it. */
package io.tollgate.engine.calendar.internal;
