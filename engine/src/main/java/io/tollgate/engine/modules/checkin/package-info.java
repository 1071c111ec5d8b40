/** The daily check-in module: a one-tap check-in per person, project and day, and a stand-up summary. */
package io.tollgate.engine.modules.checkin;
