/**
 * The only feature that talks to Flowable: deploys compiled templates, starts and steers process
 * instances, and turns engine events into Tollgate events in the same transaction.
 */
package io.tollgate.engine.workflow;
