/** The risk register API. */
package io.tollgate.engine.modules.risks.web;
