/** The releases API. */
package io.tollgate.engine.modules.releases.web;
