/**
 * Gates: their criteria evaluated in one pass, approvers' decisions and vote counting, signers
 * added and removed, send-back with rework and direct resubmission.
 */
package io.tollgate.engine.gate;
