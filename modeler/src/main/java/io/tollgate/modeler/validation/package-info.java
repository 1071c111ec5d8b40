/** Template validation: one rule set per concern, each reporting problems with stable codes and JSON paths. */
package io.tollgate.modeler.validation;
