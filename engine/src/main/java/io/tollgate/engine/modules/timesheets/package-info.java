/** The timesheets module. */
package io.tollgate.engine.modules.timesheets;
