/** The Tollgate application: runtime of projects, REST API and security on an embedded Flowable engine. */
package io.tollgate.engine;
