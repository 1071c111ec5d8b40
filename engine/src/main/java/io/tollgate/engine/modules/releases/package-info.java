/** The releases module. */
package io.tollgate.engine.modules.releases;
