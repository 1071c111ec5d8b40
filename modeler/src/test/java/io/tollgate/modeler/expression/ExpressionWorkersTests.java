package io.tollgate.modeler.expression;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionWorkersTests {

    /** Generous: only ever waited for in full when something is wrong. */
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final AtomicBoolean release = new AtomicBoolean();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void releaseTheRunaways() {
        release.set(true);
        callers.shutdownNow();
    }

    /**
     * Runs until released and ignores interrupts, as big-number arithmetic does; parks between
     * looks so that it does not burn a core while the test waits.
     */
    private Callable<String> runaway(CountDownLatch started) {
        return () -> {
            started.countDown();
            while (!release.get()) {
                Thread.interrupted();
                LockSupport.parkNanos(1_000_000);
            }
            return "released";
        };
    }

    private Callable<String> runaway() {
        return runaway(new CountDownLatch(1));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within " + AWAIT).isTrue();
    }

    @Test
    void replacesAbandonedWorkersSoTheNextEvaluationStillRuns() throws Exception {
        ExpressionWorkers workers = new ExpressionWorkers(2, 8, 10);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> workers.call(runaway(), Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
        }

        assertThat(workers.call(() -> "done", AWAIT)).isEqualTo("done");
    }

    @Test
    void stopsReplacingAtTheCapAndRecoversWhenTheRunawaysEnd() throws Exception {
        ExpressionWorkers workers = new ExpressionWorkers(1, 8, 1);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);

        assertThatThrownBy(() -> workers.call(runaway(first), Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
        assertThat(first.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> workers.call(runaway(second), AWAIT.dividedBy(30))).isInstanceOf(TimeoutException.class);
        assertThat(second.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).as("the replacement ran the second").isTrue();
        assertThat(workers.abandoned()).isEqualTo(2);
        assertThatThrownBy(() -> workers.call(() -> "waits", Duration.ofMillis(100)))
                .as("no third worker beyond the cap").isInstanceOf(TimeoutException.class);
        assertThat(workers.waiting()).as("the caller took its evaluation back").isZero();

        release.set(true);
        await(() -> workers.abandoned() == 0);
        assertThat(workers.call(() -> "done", AWAIT)).isEqualTo("done");
    }

    @Test
    void answersBusyAtOnceWhenTooManyAreWaiting() throws Exception {
        ExpressionWorkers workers = new ExpressionWorkers(1, 2, 1);
        CountDownLatch started = new CountDownLatch(1);
        Future<String> running = callers.submit(() -> workers.call(runaway(started), AWAIT));
        assertThat(started.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Future<String> second = callers.submit(() -> workers.call(() -> "second", AWAIT));
        Future<String> third = callers.submit(() -> workers.call(() -> "third", AWAIT));
        await(() -> workers.waiting() == 2);

        // Were it queued, it would wait for the runaway, which only ends once released below.
        assertThatThrownBy(() -> workers.call(() -> "fourth", AWAIT)).isInstanceOf(RejectedExecutionException.class);

        release.set(true);
        assertThat(running.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("released");
        assertThat(second.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(third.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("third");
    }

    @Test
    void reportsWhatTheWorkThrew() {
        ExpressionWorkers workers = new ExpressionWorkers(1, 1, 1);

        assertThatThrownBy(() -> workers.call(() -> {
            throw new IllegalStateException("broken");
        }, AWAIT)).isInstanceOf(java.util.concurrent.ExecutionException.class).hasRootCauseMessage("broken");
    }
}
