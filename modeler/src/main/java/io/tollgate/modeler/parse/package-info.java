/** Reading templates from YAML or JSON into the model, reporting every shape problem with its JSON path. */
package io.tollgate.modeler.parse;
