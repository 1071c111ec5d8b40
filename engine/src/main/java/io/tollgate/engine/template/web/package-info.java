/** HTTP endpoints of templates beyond the template API: the designer's preview of a draft, and the import of an .xlsx task list. */
package io.tollgate.engine.template.web;
