/** Moving running projects to a newer version of their template: a dry run, then the chosen projects. */
package io.tollgate.engine.migration;
