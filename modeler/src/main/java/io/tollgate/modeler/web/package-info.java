/** The template API: drafts in YAML or JSON, validation, publishing, versions and compiled BPMN. */
package io.tollgate.modeler.web;
