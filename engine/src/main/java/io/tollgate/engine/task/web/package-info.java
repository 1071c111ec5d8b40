/** The inbox and task API. */
package io.tollgate.engine.task.web;
