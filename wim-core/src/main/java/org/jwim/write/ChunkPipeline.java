package org.jwim.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;

/**
 * Compresses chunks on several threads and hands the results back in submission order, so one
 * thread can read sources and write the output sequentially while all cores compress. At most
 * a bounded number of chunks are in flight, which bounds memory whatever the input size; input
 * buffers are recycled.
 */
final class ChunkPipeline implements AutoCloseable {
    /** Receives a chunk's stored form, in submission order. */
    interface Sink {
        /**
         * @param data the stored bytes: compressed, or the raw input when {@code raw}
         * @param raw  whether the chunk did not shrink and is stored as it was
         */
        void accept(byte[] data, int len, boolean raw) throws IOException;
    }

    private record Result(byte[] input, byte[] output, int length, boolean raw) {
    }

    private record Pending(Future<Result> future, Result immediate, Sink sink) {
    }

    private final CompressionType type;
    private final int chunkSize;
    private final int level;
    private final int threads;
    /** Started on the first chunk to compress: resources copied as they are need no compressor. */
    private ExecutorService executor;
    private ThreadLocal<ChunkCompressor> compressors;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<byte[]> freeInputs = new ArrayDeque<>();
    private final int maxInFlight;

    /**
     * @param type      compression ({@link CompressionType#NONE} passes chunks through)
     * @param chunkSize largest chunk
     * @param level     compression level
     * @param threads   compression threads
     */
    ChunkPipeline(CompressionType type, int chunkSize, int level, int threads) {
        this.type = type;
        this.chunkSize = chunkSize;
        this.level = level;
        this.threads = threads;
        if (type == CompressionType.NONE) {
            this.maxInFlight = 1;
        } else {
            // Enough to keep every thread busy while the writer catches up; large solid chunks get fewer.
            long budget = 512L << 20;
            this.maxInFlight = (int) Math.max(threads + 1, Math.min(4L * threads + 4, budget / (2L * chunkSize)));
        }
    }

    /**
     * Starts the compression threads.
     *
     * @throws IllegalArgumentException when the type, chunk size or level cannot be compressed
     *         (thrown on the caller's thread, not on a worker)
     */
    private void start() {
        ChunkCodecs.checkCompressor(type, chunkSize, level);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-compress-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.compressors = ThreadLocal.withInitial(() -> ChunkCodecs.newCompressor(type, chunkSize, level));
    }

    /** A buffer of {@code chunkSize} bytes to fill and pass to {@link #submit}. */
    byte[] buffer() {
        byte[] b = freeInputs.poll();
        return b != null ? b : new byte[chunkSize];
    }

    /** Queues {@code input[0, len)} for compression; results reach {@code sink} in order. */
    void submit(byte[] input, int len, Sink sink) throws IOException {
        while (queue.size() >= maxInFlight) {
            drainOne();
        }
        if (type == CompressionType.NONE) {
            queue.add(new Pending(null, new Result(input, null, len, true), sink));
            drainOne();
            return;
        }
        if (executor == null) {
            start();
        }
        Future<Result> f = executor.submit(() -> {
            byte[] out = new byte[len];
            int n = compressors.get().compress(input, 0, len, out, 0, out.length);
            if (n == ChunkCompressor.DID_NOT_SHRINK || n >= len) {
                return new Result(input, null, len, true);
            }
            return new Result(input, out, n, false);
        });
        queue.add(new Pending(f, null, sink));
    }

    /** An action run in order with the chunks' sinks (copying a resource as it is, say). */
    interface Action {
        void run() throws IOException;
    }

    /** Queues {@code action} to run after every chunk submitted so far has reached its sink. */
    void submitAction(Action action) throws IOException {
        while (queue.size() >= maxInFlight) {
            drainOne();
        }
        queue.add(new Pending(null, ACTION, (data, len, raw) -> action.run()));
    }

    private static final Result ACTION = new Result(new byte[0], null, 0, true);

    /** Waits for every queued chunk and hands it to its sink. */
    void drainAll() throws IOException {
        while (!queue.isEmpty()) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        Pending p = queue.poll();
        Result r;
        if (p.immediate != null) {
            r = p.immediate;
        } else {
            try {
                r = p.future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing");
            } catch (ExecutionException e) {
                throw new IOException(type + " compression failed: " + e.getCause(), e.getCause());
            }
        }
        if (r.raw) {
            p.sink.accept(r.input, r.length, true);
        } else {
            p.sink.accept(r.output, r.length, false);
        }
        if (r != ACTION && r.input.length == chunkSize && freeInputs.size() < maxInFlight + 1) {
            freeInputs.add(r.input);
        }
    }

    @Override
    public void close() {
        queue.clear();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
