/** The template language: what a process admin writes, as immutable records. */
package io.tollgate.modeler.model;
