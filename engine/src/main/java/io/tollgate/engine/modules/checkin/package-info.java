/** The checkin module. */
package io.tollgate.engine.modules.checkin;
