/** Wiring of the modeler into the running application: sandbox, workspace modules, shipped templates. */
package io.tollgate.engine.template;
