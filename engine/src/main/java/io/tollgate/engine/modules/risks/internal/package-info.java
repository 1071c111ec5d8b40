/** Persistence of the risk register. */
package io.tollgate.engine.modules.risks.internal;
