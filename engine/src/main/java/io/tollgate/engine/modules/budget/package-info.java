/** The budget module. */
package io.tollgate.engine.modules.budget;
