/** The timesheets module: hours per person, stage or task and day; weeks submitted and approved by the PM. */
package io.tollgate.engine.modules.timesheets;
