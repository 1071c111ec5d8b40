/** The project API. */
package io.tollgate.engine.project.web;
