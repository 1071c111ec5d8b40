package io.tollgate.modeler.expression;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads evaluations run on, sized so that runaways cannot starve everyone else.
 *
 * <p>Java cannot stop a thread that does not check for interrupts, so an evaluation past its time
 * limit is <em>abandoned</em>: it is interrupted (a regular-expression match notices), its caller
 * is answered, and its thread is left to finish. So that the pool keeps its capacity, each
 * abandoned thread is replaced by a fresh one until it finishes, up to {@code maxAbandoned} of them
 * at a time; beyond that no more threads are added, so runaways cannot multiply threads without
 * end. Evaluations waiting for a worker are capped at {@code maxWaiting}: a flood is answered
 * "busy" at once instead of piling up, and a caller whose time runs out while waiting takes its
 * evaluation out of the queue.
 */
final class ExpressionWorkers {

    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final int size;
    private final int maxAbandoned;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger abandoned = new AtomicInteger();

    /**
     * @param size         workers that run evaluations
     * @param maxWaiting   evaluations that may wait for a worker; more are refused as busy
     * @param maxAbandoned abandoned workers replaced at a time
     */
    ExpressionWorkers(int size, int maxWaiting, int maxAbandoned) {
        this.size = size;
        this.maxAbandoned = maxAbandoned;
        this.executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(maxWaiting), daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the work and waits for it at most {@code limit}, counted from now, waiting for a worker
     * included.
     *
     * @throws RejectedExecutionException if {@code maxWaiting} evaluations are already waiting
     * @throws TimeoutException           if the limit passed; the work was withdrawn or abandoned
     * @throws ExecutionException         if the work failed
     */
    <T> T call(Callable<T> work, Duration limit) throws InterruptedException, ExecutionException, TimeoutException {
        Evaluation<T> evaluation = new Evaluation<>(work);
        executor.execute(evaluation);
        try {
            return evaluation.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (giveUp(evaluation)) {
                throw e;
            }
            // It finished just as the limit passed: its outcome stands.
            return evaluation.get();
        } catch (InterruptedException e) {
            if (giveUp(evaluation)) {
                throw e;
            }
            Thread.currentThread().interrupt();
            return evaluation.get();
        }
    }

    /** Evaluations waiting for a worker. */
    int waiting() {
        return executor.getQueue().size();
    }

    /** Abandoned evaluations whose threads are still running. */
    int abandoned() {
        return abandoned.get();
    }

    /** Withdraws a waiting evaluation or abandons a running one; false when it had already finished. */
    private boolean giveUp(Evaluation<?> evaluation) {
        if (evaluation.state.compareAndSet(Evaluation.WAITING, Evaluation.WITHDRAWN)) {
            executor.remove(evaluation);
            evaluation.cancel(false);
            return true;
        }
        // Counted before the state changes, so that the worker, finishing right then, never counts below zero.
        abandoned.incrementAndGet();
        if (evaluation.state.compareAndSet(Evaluation.RUNNING, Evaluation.ABANDONED)) {
            resize();
            evaluation.cancel(true);
            return true;
        }
        abandoned.decrementAndGet();
        return false;
    }

    /** Called on the abandoned evaluation's own thread once it is done at last. */
    private void abandonedFinished() {
        abandoned.decrementAndGet();
        resize();
    }

    /** One worker per evaluation that is not abandoned, plus a replacement for each abandoned one, up to the cap. */
    private synchronized void resize() {
        int target = size + Math.min(abandoned.get(), maxAbandoned);
        // The core size may never exceed the maximum, so the order depends on the direction.
        if (target > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(target);
            executor.setCorePoolSize(target);
        } else if (target < executor.getMaximumPoolSize()) {
            executor.setCorePoolSize(target);
            executor.setMaximumPoolSize(target);
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOL_COUNTER.incrementAndGet();
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tollgate-expression-" + pool + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One evaluation and where it stands; its caller and its worker settle the state by compare-and-set. */
    private final class Evaluation<T> extends FutureTask<T> {

        static final int WAITING = 0;
        static final int RUNNING = 1;
        static final int FINISHED = 2;
        static final int WITHDRAWN = 3;
        static final int ABANDONED = 4;

        final AtomicInteger state = new AtomicInteger(WAITING);

        Evaluation(Callable<T> work) {
            super(work);
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                super.run();
            } finally {
                if (!state.compareAndSet(RUNNING, FINISHED)) {
                    abandonedFinished();
                }
            }
        }
    }
}
