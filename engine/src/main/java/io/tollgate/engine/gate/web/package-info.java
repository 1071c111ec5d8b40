/** The decision and signer API. */
package io.tollgate.engine.gate.web;
