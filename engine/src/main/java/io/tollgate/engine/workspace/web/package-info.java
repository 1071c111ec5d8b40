/** The workspace API: workspaces and their members. */
package io.tollgate.engine.workspace.web;
