/** Working-day calendars per workspace: working days and hours, holidays and make-up days, and the engine's timers on them. */
package io.tollgate.engine.calendar;
