/** Persistence of releases. */
package io.tollgate.engine.modules.releases.internal;
