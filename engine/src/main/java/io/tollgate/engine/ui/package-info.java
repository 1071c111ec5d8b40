/**
 * The web UI: its pages and assets served at {@code /}, and what only the UI needs from the server,
 * such as a project's process diagram drawn as SVG.
 */
package io.tollgate.engine.ui;
