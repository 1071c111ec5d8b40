/** Persistence of timesheet entries and weeks. */
package io.tollgate.engine.modules.timesheets.internal;
