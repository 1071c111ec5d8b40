/** HTTP endpoints of templates beyond the template API: the designer's preview of a draft, and the import of a task list (.xlsx or CSV), previewed then confirmed. */
package io.tollgate.engine.template.web;
