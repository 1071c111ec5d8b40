package io.tollgate.engine.support;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;

/**
 * Ties an idempotent request's work to its key in the work's own transaction. While a request holds
 * a key, every read-write transaction it starts (not one nested inside another) marks the key
 * "work committed" just before it commits, and only if the request still holds the key's lease.
 * So a key's row says whether the work committed exactly when it did, and a request whose lease a
 * retry took over (it ran too long, or was thought dead) cannot commit its work a second time: its
 * transaction rolls back with a 409.
 *
 * <p>Spring Boot registers {@link TransactionExecutionListener} beans with its transaction manager.
 */
@Component
class IdempotencyFence implements TransactionExecutionListener {

    /** The key a request on this thread holds, and the token of its lease. */
    record Claim(String id, String token) {
    }

    /** Leaves the key when closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Claim> HELD = new ThreadLocal<>();

    private final JdbcTemplate jdbc;

    IdempotencyFence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The request on this thread holds the key until the answer is closed. */
    Held hold(String id, String token) {
        HELD.set(new Claim(id, token));
        return HELD::remove;
    }

    @Override
    public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
        Claim claim = HELD.get();
        if (claim == null || beginFailure != null || transaction.isReadOnly()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        if (transaction instanceof DefaultTransactionStatus status && status.getSuspendedResources() != null) {
            // a transaction of its own inside the request's work (an id block, say) is not the work
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new Mark(claim));
    }

    private final class Mark implements TransactionSynchronization {
        private final Claim claim;

        Mark(Claim claim) {
            this.claim = claim;
        }

        @Override
        public int getOrder() {
            // last, so whatever else runs before commit has run and the row is locked only briefly
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (readOnly) {
                return;
            }
            int marked = jdbc.update("update idempotent_request set work_committed = ? where id = ? and lease_token = ?",
                    true, claim.id(), claim.token());
            if (marked == 0) {
                throw Problems.of(HttpStatus.CONFLICT, "idempotency-lease-lost", "Conflict",
                        "This request took longer than its Idempotency-Key lease and a retry took the key over; "
                                + "its work was not saved.", Map.of());
            }
        }
    }
}
