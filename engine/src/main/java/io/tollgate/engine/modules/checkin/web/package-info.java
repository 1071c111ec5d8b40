/** The daily check-in API. */
package io.tollgate.engine.modules.checkin.web;
