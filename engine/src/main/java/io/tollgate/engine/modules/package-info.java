/** Industry modules, one package each, plugged in through {@link io.tollgate.engine.module.TollgateModule}. */
package io.tollgate.engine.modules;
