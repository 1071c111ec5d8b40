/** Compiles a validated template to a BPMN 2.0 model, lays it out and writes it as XML. */
package io.tollgate.modeler.compiler;
