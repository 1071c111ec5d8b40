/** Module switches per workspace (timesheets, budget, risks, check-in, releases). */
package io.tollgate.engine.module;
