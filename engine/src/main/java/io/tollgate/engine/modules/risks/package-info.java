/** The risks module: a risk register per project. */
package io.tollgate.engine.modules.risks;
