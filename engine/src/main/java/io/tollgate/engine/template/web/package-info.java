/** The template import API. */
package io.tollgate.engine.template.web;
