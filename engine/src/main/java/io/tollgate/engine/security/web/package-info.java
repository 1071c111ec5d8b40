/** The people admin API: users and groups of the caller's workspace. */
package io.tollgate.engine.security.web;
