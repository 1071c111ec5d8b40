/** Wiring of the modeler into the running application: sandbox, workspace modules, shipped templates, and task lists (.xlsx or CSV) read and previewed for import. */
package io.tollgate.engine.template;
