/** The timesheets API: entries, weeks, totals and exports. */
package io.tollgate.engine.modules.timesheets.web;
