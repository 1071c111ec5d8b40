/** Persistence of plans, rates and costs. */
package io.tollgate.engine.modules.budget.internal;
