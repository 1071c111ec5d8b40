/** Gate approvals: approve, reject and send back, with the votes counted per approval mode. */
package io.tollgate.engine.approval;
