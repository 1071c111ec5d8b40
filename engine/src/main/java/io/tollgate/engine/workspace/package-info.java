/** Workspaces: the tenant boundary of projects and people, with the modules each has switched on. */
package io.tollgate.engine.workspace;
