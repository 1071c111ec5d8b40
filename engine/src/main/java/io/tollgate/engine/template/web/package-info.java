/** HTTP endpoints the template designer needs beyond the template API: the preview of a draft. */
package io.tollgate.engine.template.web;
