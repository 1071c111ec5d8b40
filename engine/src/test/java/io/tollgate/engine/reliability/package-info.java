/** Reliability tests: Tollgate killed mid-request, and hostile input over every endpoint of the HTTP API. */
package io.tollgate.engine.reliability;
