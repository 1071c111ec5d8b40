/** The module switch API. */
package io.tollgate.engine.module.web;
