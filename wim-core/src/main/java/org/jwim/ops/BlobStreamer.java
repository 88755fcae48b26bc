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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jwim.WimFormatException;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.ChunkTable;
import org.jwim.io.ResourceReader;
import org.jwim.io.WimResource;

/**
 * Reads a set of blobs in the order their bytes lie in the WIM files, decoding each needed chunk
 * once on a pool of threads, and hands every blob's bytes, in order, to one sink on the calling
 * thread. Blobs sharing a solid resource come out of one streaming pass over its chunks (chunks
 * holding no needed byte are skipped, not decoded); raw resources are read in large slices. At most
 * a bounded number of bytes are in flight, whatever the sizes of the blobs.
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

    /** Raw (uncompressed) resources are read in slices of this size. */
    static final int RAW_SLICE = 1 << 20;

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

    /** Bytes {@code [start, start + length)} of a group's resource: chunk {@code chunk}, or raw when -1. */
    private record Unit(Group<?> group, int chunk, long start, int length) {
    }

    private record InFlight(Unit unit, byte[] buffer, Future<?> done) {
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
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        ArrayDeque<InFlight> queue = new ArrayDeque<>();
        try {
            Units units = new Units();
            int maxCount = pool == null ? 1 : 4 * threads + 4;
            long inFlightBytes = 0;
            Group<?> current = null;
            while (true) {
                while (units.hasNext() && (queue.isEmpty()
                        || (queue.size() < maxCount && inFlightBytes + units.peek().length() <= budget))) {
                    Unit u = units.next();
                    byte[] buf = buffer(u.length());
                    Future<?> f = pool == null ? null : pool.submit(() -> {
                        decode(u, buf);
                        return null;
                    });
                    if (pool == null) {
                        decode(u, buf);
                    }
                    queue.add(new InFlight(u, buf, f));
                    inFlightBytes += u.length();
                }
                InFlight x = queue.poll();
                if (x == null) {
                    break;
                }
                await(x.done());
                inFlightBytes -= x.unit().length();
                if (x.unit().group() != current) {
                    finishGroup(current);
                    current = x.unit().group();
                }
                @SuppressWarnings("unchecked")
                Group<T> g = (Group<T>) current;
                dispatch(g, x.unit(), x.buffer(), sink);
                freeBuffers.push(x.buffer());
            }
            finishGroup(current);
        } finally {
            if (pool != null) {
                stop(pool, queue);
            }
        }
    }

    /**
     * Stops the pool without interrupting its threads (an interrupt during a read would close the
     * WIM's file channel for every later reader) and waits for the chunks being decoded.
     */
    private static void stop(ExecutorService pool, ArrayDeque<InFlight> queue) {
        for (InFlight x : queue) {
            x.done().cancel(false);
        }
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
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

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "jwim-apply-decode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
        return new byte[len];
    }

    private static void decode(Unit u, byte[] buf) throws IOException {
        WimResource r = u.group().resource;
        if (u.chunk() < 0) {
            r.part().readFully(r.header().offset() + u.start(), buf, 0, u.length(), "resource data");
        } else {
            ResourceReader.decodeChunk(r, u.chunk(), buf);
        }
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

    /** Hands the bytes of unit {@code u} to the blobs they belong to. */
    private void dispatch(Group<T> g, Unit u, byte[] buf, Sink<T> sink) throws IOException {
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
                sink.data(g.blobs.get(i), buf, (int) (s - u0), (int) (e - s));
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

    /** The units of every group in order, made lazily (a chunk table is read when first needed). */
    private final class Units {
        private int groupIndex;
        private final ArrayDeque<Unit> pending = new ArrayDeque<>();

        boolean hasNext() throws IOException {
            while (pending.isEmpty() && groupIndex < groups.size()) {
                addUnits(groups.get(groupIndex++));
            }
            return !pending.isEmpty();
        }

        Unit peek() throws IOException {
            hasNext();
            return pending.peek();
        }

        Unit next() throws IOException {
            hasNext();
            return pending.poll();
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
                for (long[] range : ranges) {
                    for (long p = range[0]; p < range[1]; p += RAW_SLICE) {
                        pending.add(new Unit(g, -1, p, (int) Math.min(RAW_SLICE, range[1] - p)));
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
                    pending.add(new Unit(g, c, c * cs, t.uncompressedSize(c)));
                }
                lastChunk = Math.max(lastChunk, last);
            }
        }
    }
}
