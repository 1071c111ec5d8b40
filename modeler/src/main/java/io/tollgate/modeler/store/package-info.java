/** Template drafts, published versions and publishing: validate, compile, deploy, record. */
package io.tollgate.modeler.store;
