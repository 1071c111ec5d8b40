/** The migration API under a template. */
package io.tollgate.engine.migration.web;
