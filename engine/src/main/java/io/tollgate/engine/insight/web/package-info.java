/** The dashboard API and each project's health, forecast and schedule. */
package io.tollgate.engine.insight.web;
