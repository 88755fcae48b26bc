package org.jwim.ops;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pools of an apply: daemon threads, stopped without interrupting them. */
final class ApplyThreads {
    private ApplyThreads() {
    }

    /** A pool of {@code n} daemon threads named {@code name-1}, {@code name-2}... */
    static ExecutorService pool(String name, int n) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Lets {@code pool} finish its running tasks and stops it, without interrupting them: an
     * interrupt during a read or write closes the FileChannel (the WIM's, for every later reader).
     */
    static void stop(ExecutorService pool) {
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
