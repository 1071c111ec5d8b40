/** The insight read model's tables and the SQL that aggregates them. */
package io.tollgate.engine.insight.internal;
