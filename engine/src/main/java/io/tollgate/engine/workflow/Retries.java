package io.tollgate.engine.workflow;

import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction and runs it again when a concurrent change won the
 * race (two approvers deciding at once): the loser re-reads and its vote still counts.
 */
@Component
public class Retries {

    private static final int ATTEMPTS = 8;

    private final TransactionTemplate transactions;

    Retries(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (FlowableOptimisticLockingException | OptimisticLockingFailureException e) {
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
}
