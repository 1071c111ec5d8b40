package io.tollgate.engine.workflow;

import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction and runs it again when a concurrent change won the
 * race: two approvers deciding at once, a cancel racing a decision, or the database choosing this
 * transaction as a deadlock victim. The loser re-reads, so its vote still counts, or it finds the
 * work gone and answers so.
 */
@Component
public class Retries {

    private static final int ATTEMPTS = 10;
    /** PostgreSQL's serialization failure and deadlock; H2 reports deadlocks as 40001 too. */
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

    private final TransactionTemplate transactions;

    Retries(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (RuntimeException e) {
                if (!retryable(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new OptimisticLockingFailureException("Gave up after " + attempt + " concurrent changes", e);
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A lost race: optimistic locking, or a deadlock or serialization failure anywhere in the cause chain. */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FlowableOptimisticLockingException || t instanceof ConcurrencyFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
