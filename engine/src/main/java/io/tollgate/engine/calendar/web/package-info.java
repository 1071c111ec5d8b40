/** The calendar API of a workspace. */
package io.tollgate.engine.calendar.web;
