/** The workspace audit API. */
package io.tollgate.engine.audit.web;
