/**
 * The sandbox that checks and evaluates the small Groovy conditions process admins write in
 * templates, over a project's custom fields.
 */
package io.tollgate.modeler.expression;
