package org.communityhub.sim;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;

/**
 * One executor shared by many Paho clients. Paho runs its receiver, sender and callback loops through
 * {@code execute}/{@code submit} (long-running: they get threads from an unbounded cached pool, three per
 * connected client) and its keep-alive pings through {@code schedule} (short: a few scheduler threads
 * serve every client, instead of one timer thread per client). The simulator's own timed work also
 * goes through {@code schedule}. Thread-safe.
 */
public final class PahoExecutor extends ScheduledThreadPoolExecutor {

    private final ExecutorService loops;

    /** An executor with {@code schedulerThreads} threads for timed work. */
    public PahoExecutor(int schedulerThreads) {
        super(schedulerThreads, daemonThreads("sim-timer-"));
        this.loops = Executors.newCachedThreadPool(daemonThreads("sim-mqtt-io-"));
        setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void execute(Runnable command) {
        loops.execute(command);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return loops.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return loops.submit(task, result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return loops.submit(task);
    }

    @Override
    public void shutdown() {
        super.shutdown();
        loops.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        loops.shutdownNow();
        return super.shutdownNow();
    }
}
