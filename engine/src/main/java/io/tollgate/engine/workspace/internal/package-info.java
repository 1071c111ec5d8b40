/** Persistence of workspaces; only the workspace feature reaches it. */
package io.tollgate.engine.workspace.internal;
