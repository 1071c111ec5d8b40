/** Storage of previewed task-list imports. */
package io.tollgate.engine.template.internal;
