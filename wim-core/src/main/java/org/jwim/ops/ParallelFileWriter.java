package org.jwim.ops;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.jwim.ops.ApplyPlan.Item;

/**
 * Writes small files on a few threads. A Windows image has tens of thousands of files of a few
 * kilobytes, and making each (create, write, close, set times, rename) costs more than decoding
 * it: the applying thread hands over the verified bytes of a blob and goes on, while these threads
 * create the files. At most a bounded number of bytes wait; the first failure is rethrown to the
 * applying thread at its next hand-over, and by {@link #finishAll}.
 */
final class ParallelFileWriter implements AutoCloseable {
    /** Most bytes handed over and not yet written. */
    static final int MAX_PENDING_BYTES = 64 << 20;
    private static final int PERMIT_BYTES = 1024;

    private final TargetFs fs;
    private final FileFinisher finisher;
    private final ExecutorService pool;
    private final Semaphore pending = new Semaphore(MAX_PENDING_BYTES / PERMIT_BYTES);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ParallelFileWriter(TargetFs fs, FileFinisher finisher, int threads) {
        this.fs = fs;
        this.finisher = finisher;
        this.pool = ApplyThreads.pool("jwim-apply-write", threads);
    }

    /** Writes {@code data[0, length)} as the content of each of {@code items}, in the background. */
    void submit(List<Item> items, byte[] data, int length) throws IOException {
        checkFailure();
        int permits = length / PERMIT_BYTES + 1;
        try {
            pending.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing files");
        }
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    for (Item item : items) {
                        write(item, data, length);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                pending.release(permits);
            }
        });
    }

    private void write(Item item, byte[] data, int length) throws IOException {
        Path first = item.aliases.get(0).path();
        Path tmp = fs.tempIn(item.aliases.get(0).dir().path);
        try (FileChannel ch = fs.createTemp(tmp)) {
            ByteBuffer buf = ByteBuffer.wrap(data, 0, length);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            fs.discard(tmp);
            throw FileFinisher.failure("Can't create regular file", first, e);
        }
        finisher.files.increment();
        finisher.finish(item, tmp);
        finisher.bytes.add(length);
    }

    /** Rethrows the first failure of a background write, if any. */
    void checkFailure() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            rethrow(t);
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /** Waits until every file handed over is written; rethrows the first failure. */
    void finishAll() throws IOException {
        stop();
        checkFailure();
    }

    /** Stops taking work and waits for the files being written (without interrupting them). */
    private void stop() {
        ApplyThreads.stop(pool);
    }

    /** After a failure elsewhere: lets the running writes end (they stop at the first failure). */
    @Override
    public void close() {
        failure.compareAndSet(null, new IOException("apply stopped"));
        stop();
    }
}
