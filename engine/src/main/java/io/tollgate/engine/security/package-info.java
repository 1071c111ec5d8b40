/** Users, their groups and roles, authentication and who may call what. */
package io.tollgate.engine.security;
