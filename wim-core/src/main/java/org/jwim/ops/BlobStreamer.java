package org.jwim.ops;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jwim.WimFormatException;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.ChunkTable;
import org.jwim.io.WimPart;
import org.jwim.io.WimResource;

/**
 * Reads a set of blobs in the order their bytes lie in the WIM files, decoding each needed chunk
 * once on a pool of threads, and hands every blob's bytes, in order, to one sink on the calling
 * thread. Blobs sharing a solid resource come out of one streaming pass over its chunks (chunks
 * holding no needed byte are skipped, not decoded); raw resources are read in large slices.
 *
 * <p>A full chunk is one task; small units (the chunks of a Windows image's thousands of small
 * files) go to the pool in batches, read with one positional read and decoded by one task, up to
 * a quarter of a megabyte of output, so neither system calls nor hand-offs are paid per small file. At most a bounded number of bytes are in flight, whatever the sizes of
 * the blobs.
 *
 * @param <T> the caller's handle for a blob
 */
final class BlobStreamer<T> {
    /** Receives the blobs' bytes, on the thread that called {@link #run}. */
    interface Sink<T> {
        /** The first bytes of {@code blob} follow. */
        void begin(T blob) throws IOException;

        /** The next {@code len} bytes of {@code blob}. */
        void data(T blob, byte[] b, int off, int len) throws IOException;

        /** Every byte of {@code blob} has been given. */
        void end(T blob) throws IOException;
    }

    /** Raw (uncompressed) resources are read in slices of at most this size. */
    static final int RAW_SLICE = 256 << 10;
    /**
     * Units this large are decoded on their own (a task per chunk balances the threads best);
     * smaller ones (the single chunks of small files, the tails of larger ones) are gathered.
     */
    static final int ALONE = 32 << 10;
    /**
     * A batch gathers small units until its output would pass this size. Buffers stay under half
     * of G1's smallest region (1 MiB), where allocating and freeing them would take G1's slow
     * "humongous" path.
     */
    static final int BATCH_OUTPUT = RAW_SLICE;
    /** ... or its read would span more than this many bytes of the file. */
    static final int BATCH_SPAN = 2 * BATCH_OUTPUT;
    /** ... or a gap between two of its chunks is wider than this (the gap is read and skipped). */
    static final int BATCH_GAP = 64 << 10;

    /** Blobs of one resource, by offset. */
    private static final class Group<T> {
        final WimResource resource;
        final List<T> blobs = new ArrayList<>();
        final List<BlobDescriptor> descs = new ArrayList<>();
        int next;
        final List<Integer> active = new ArrayList<>(2);

        Group(WimResource resource) {
            this.resource = resource;
        }

        long start(int i) {
            return descs.get(i).offsetInResource();
        }

        long end(int i) {
            return descs.get(i).offsetInResource() + descs.get(i).size();
        }
    }

    /**
     * Uncompressed bytes {@code [start, start + length)} of a group's resource, stored as
     * {@code stored} bytes at {@code fileOffset} of its part: chunk {@code chunk}, or a raw slice
     * when -1.
     */
    private record Unit(Group<?> group, int chunk, long start, int length, long fileOffset, int stored) {
        boolean pipable() {
            return group.resource.kind() == WimResource.Kind.PIPABLE_CHUNKED;
        }
    }

    /** Units read together and decoded by one task into one buffer, one after the other. */
    private static final class Batch {
        final List<Unit> units = new ArrayList<>();
        WimPart part;
        long lo;
        long hi;
        int output;
        byte[] out;
        Future<?> done;
    }

    private final List<Group<T>> groups = new ArrayList<>();
    private final List<T> empty = new ArrayList<>();
    private final int threads;
    private final long budget;
    private final ArrayDeque<byte[]> freeBuffers = new ArrayDeque<>();

    /**
     * @param blobs   the blobs to read (each once)
     * @param desc    where each one is
     * @param threads decoding threads (1: decode on the calling thread)
     */
    BlobStreamer(List<T> blobs, Function<T, BlobDescriptor> desc, int threads) {
        this.threads = Math.max(1, threads);
        this.budget = Math.max(64L << 20, Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4));
        Map<WimResource, Group<T>> byResource = new IdentityHashMap<>();
        List<T> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparing((T t) -> desc.apply(t), ORDER));
        for (T t : sorted) {
            BlobDescriptor d = desc.apply(t);
            if (d.size() == 0) {
                empty.add(t);
                continue;
            }
            Group<T> g = byResource.computeIfAbsent(d.resource(), r -> {
                Group<T> n = new Group<>(r);
                groups.add(n);
                return n;
            });
            g.blobs.add(t);
            g.descs.add(d);
        }
    }

    /** File order: part number, file, resource offset, offset in the resource. */
    private static final Comparator<BlobDescriptor> ORDER = Comparator
            .comparingInt(BlobDescriptor::partNumber)
            .thenComparing((BlobDescriptor d) -> d.resource().part().path().toString())
            .thenComparingLong(d -> d.resource().header().offset())
            .thenComparingLong(BlobDescriptor::offsetInResource);

    /** Reads every blob into {@code sink}. */
    void run(Sink<T> sink) throws IOException {
        for (T t : empty) {
            sink.begin(t);
            sink.end(t);
        }
        ExecutorService pool = threads > 1 ? ApplyThreads.pool("jwim-apply-decode", threads) : null;
        ArrayDeque<Batch> queue = new ArrayDeque<>();
        try {
            Batches batches = new Batches();
            int maxCount = pool == null ? 1 : 4 * threads + 4;
            long inFlight = 0;
            Group<?> current = null;
            while (true) {
                while (batches.hasNext() && (queue.isEmpty()
                        || (queue.size() < maxCount && inFlight + batches.peekOutput() <= budget))) {
                    Batch b = batches.next();
                    b.out = buffer(b.output);
                    if (pool == null) {
                        BatchDecoder.decode(b);
                    } else {
                        b.done = pool.submit(() -> {
                            BatchDecoder.decode(b);
                            return null;
                        });
                    }
                    queue.add(b);
                    inFlight += b.output;
                }
                Batch b = queue.poll();
                if (b == null) {
                    break;
                }
                await(b.done);
                inFlight -= b.output;
                int at = 0;
                for (Unit u : b.units) {
                    if (u.group() != current) {
                        finishGroup(current);
                        current = u.group();
                    }
                    @SuppressWarnings("unchecked")
                    Group<T> g = (Group<T>) current;
                    dispatch(g, u, b.out, at, sink);
                    at += u.length();
                }
                freeBuffers.push(b.out);
            }
            finishGroup(current);
        } finally {
            if (pool != null) {
                stop(pool, queue);
            }
        }
    }

    /** Stops the pool after the batches being decoded (queued ones are cancelled). */
    private static void stop(ExecutorService pool, ArrayDeque<Batch> queue) {
        for (Batch b : queue) {
            b.done.cancel(false);
        }
        ApplyThreads.stop(pool);
    }

    /** A buffer of at least {@code len} bytes, reusing a free one when it is large enough. */
    private byte[] buffer(int len) {
        for (Iterator<byte[]> it = freeBuffers.iterator(); it.hasNext(); ) {
            byte[] b = it.next();
            if (b.length >= len) {
                it.remove();
                return b;
            }
        }
        if (freeBuffers.size() > 4 * threads + 4) {
            freeBuffers.removeLast();
        }
        return new byte[Math.max(len, BATCH_OUTPUT)];
    }

    private static void await(Future<?> f) throws IOException {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decompressing");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException("decompression failed: " + c, c);
        }
    }

    /** Hands the bytes of unit {@code u}, at {@code buf[at]}, to the blobs they belong to. */
    private void dispatch(Group<T> g, Unit u, byte[] buf, int at, Sink<T> sink) throws IOException {
        long u0 = u.start();
        long u1 = u0 + u.length();
        while (g.next < g.blobs.size() && g.start(g.next) < u1) {
            sink.begin(g.blobs.get(g.next));
            g.active.add(g.next);
            g.next++;
        }
        for (Iterator<Integer> it = g.active.iterator(); it.hasNext(); ) {
            int i = it.next();
            long s = Math.max(u0, g.start(i));
            long e = Math.min(u1, g.end(i));
            if (s < e) {
                sink.data(g.blobs.get(i), buf, at + (int) (s - u0), (int) (e - s));
            }
            if (g.end(i) <= u1) {
                it.remove();
                sink.end(g.blobs.get(i));
            }
        }
    }

    private static void finishGroup(Group<?> g) throws WimFormatException {
        if (g != null && (!g.active.isEmpty() || g.next < g.blobs.size())) {
            WimResource r = g.resource;
            throw new WimFormatException(r.part().path(), r.header().offset(), "blob data runs past the end of the " + r);
        }
    }

    /** The units of every group in order, gathered into batches (a chunk table is read when first needed). */
    private final class Batches {
        private int groupIndex;
        private final ArrayDeque<Unit> pending = new ArrayDeque<>();
        private Batch ready;

        boolean hasNext() throws IOException {
            if (ready == null) {
                ready = gather();
            }
            return ready != null;
        }

        int peekOutput() throws IOException {
            hasNext();
            return ready.output;
        }

        Batch next() throws IOException {
            hasNext();
            Batch b = ready;
            ready = null;
            return b;
        }

        private Unit peekUnit() throws IOException {
            while (pending.isEmpty() && groupIndex < groups.size()) {
                addUnits(groups.get(groupIndex++));
            }
            return pending.peek();
        }

        private Batch gather() throws IOException {
            Unit u = peekUnit();
            if (u == null) {
                return null;
            }
            Batch b = new Batch();
            b.part = u.group().resource.part();
            b.lo = u.fileOffset();
            b.hi = b.lo;
            while (u != null && (b.units.isEmpty() || fits(b, u))) {
                b.units.add(pending.poll());
                b.hi = u.fileOffset() + u.stored();
                b.output += u.length();
                u = peekUnit();
            }
            return b;
        }

        /** Whether {@code u} can join batch {@code b}: same file, just after it, small enough. */
        private boolean fits(Batch b, Unit u) {
            return u.length() < ALONE && b.units.get(0).length() < ALONE
                    && u.group().resource.part() == b.part && !u.pipable() && !b.units.get(0).pipable()
                    && u.fileOffset() >= b.hi && u.fileOffset() - b.hi <= BATCH_GAP
                    && u.fileOffset() + u.stored() - b.lo <= BATCH_SPAN
                    && b.output + (long) u.length() <= BATCH_OUTPUT;
        }

        private void addUnits(Group<T> g) throws IOException {
            WimResource r = g.resource;
            // Merge the blobs' byte ranges, so shared and adjacent bytes are read once.
            List<long[]> ranges = new ArrayList<>();
            for (int i = 0; i < g.blobs.size(); i++) {
                long s = g.start(i);
                long e = g.end(i);
                long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null && s <= last[1]) {
                    last[1] = Math.max(last[1], e);
                } else {
                    ranges.add(new long[] {s, e});
                }
            }
            if (r.kind() == WimResource.Kind.RAW) {
                long base = r.header().offset();
                for (long[] range : ranges) {
                    for (long p = range[0]; p < range[1]; p += RAW_SLICE) {
                        int n = (int) Math.min(RAW_SLICE, range[1] - p);
                        pending.add(new Unit(g, -1, p, n, base + p, n));
                    }
                }
                return;
            }
            ChunkTable t = r.chunkTable();
            long cs = t.chunkSize();
            if (!ranges.isEmpty() && (ranges.get(ranges.size() - 1)[1] - 1) / cs >= t.count()) {
                throw new WimFormatException(r.part().path(), r.header().offset(), "blob data runs past the end of the "
                        + r);
            }
            int lastChunk = -1;
            for (long[] range : ranges) {
                int first = (int) Math.max(range[0] / cs, lastChunk + 1);
                int last = (int) ((range[1] - 1) / cs);
                for (int c = first; c <= last; c++) {
                    pending.add(new Unit(g, c, c * cs, t.uncompressedSize(c), t.start(c), t.compressedSize(c)));
                }
                lastChunk = Math.max(lastChunk, last);
            }
        }
    }

    /** Reads and decodes a batch, on a pool thread (or the caller's). */
    private static final class BatchDecoder {
        private static final ThreadLocal<byte[][]> SPAN = ThreadLocal.withInitial(() -> new byte[1][0]);

        private BatchDecoder() {
        }

        static void decode(Batch b) throws IOException {
            if (b.units.size() == 1 && b.units.get(0).chunk() < 0) {
                Unit u = b.units.get(0);
                b.part.readFully(u.fileOffset(), b.out, 0, u.length(), "resource data");
                return;
            }
            if (b.units.get(0).pipable()) {
                // One chunk, whose 4-byte header the reader checks.
                Unit u = b.units.get(0);
                org.jwim.io.ResourceReader.decodeChunk(u.group().resource, u.chunk(), b.out);
                return;
            }
            int span = (int) (b.hi - b.lo);
            byte[][] holder = SPAN.get();
            if (holder[0].length < span) {
                holder[0] = new byte[Math.max(span, BATCH_SPAN)];
            }
            byte[] in = holder[0];
            b.part.readFully(b.lo, in, 0, span, "compressed chunks");
            int at = 0;
            for (Unit u : b.units) {
                ChunkDecoding.decode(u.group().resource, u.chunk(), in, (int) (u.fileOffset() - b.lo), u.stored(), b.out,
                        at, u.length());
                at += u.length();
            }
        }
    }
}
