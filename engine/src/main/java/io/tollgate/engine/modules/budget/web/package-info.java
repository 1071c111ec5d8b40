/** The budget API. */
package io.tollgate.engine.modules.budget.web;
