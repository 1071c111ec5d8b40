/** The inbox and task API. */
package io.tollgate.engine.work.web;
