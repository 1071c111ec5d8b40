/** The retrospective API: a project's retrospective, and the workspace's search over all of them. */
package io.tollgate.engine.retrospective.web;
