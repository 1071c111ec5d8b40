/** The approval API: decisions on gates. */
package io.tollgate.engine.approval.web;
