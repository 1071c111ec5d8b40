/** Persistence of projects and their stages; only the project feature reaches it. */
package io.tollgate.engine.project.internal;
