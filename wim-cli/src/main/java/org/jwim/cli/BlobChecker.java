package org.jwim.cli;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.ChunkTable;
import org.jwim.io.ResourceReader;
import org.jwim.io.Sha1Digests;
import org.jwim.io.WimResource;

/**
 * Checks blobs against their SHA-1s, reading each resource once from start to end in the order
 * given (file order). Chunks are independent in every WIM resource (a solid one included), so
 * worker threads decode the next few chunks, across resource boundaries, while this thread hashes
 * them in order: a solid resource is decoded in one pass whatever the number of blobs in it, and
 * a WIM of many small resources keeps every worker busy. A chunk that cannot be decoded fails the
 * blobs that touch it; the others are still checked.
 */
final class BlobChecker {
    /** Bytes read at once from an uncompressed resource. */
    private static final int RAW_PIECE = 1 << 20;
    /**
     * Decoded bytes being decoded or hashed, at most (one chunk is always allowed, whatever its
     * size): two of the 64 MiB chunks of an ESD's solid resource.
     */
    private static final long IN_FLIGHT_BYTES = 128L << 20;
    /** Bytes of small units one task decodes or reads in a row. */
    private static final long BATCH_BYTES = 1 << 20;
    /** Units one task takes at most. */
    private static final int BATCH_UNITS = 256;

    private final int threads;
    private final List<String> problems = new ArrayList<>();
    private long blobs;
    private long bytes;

    BlobChecker(int threads) {
        this.threads = Math.max(1, threads);
    }

    List<String> problems() {
        return problems;
    }

    long blobs() {
        return blobs;
    }

    long bytes() {
        return bytes;
    }

    /** One resource and the blobs to check in it. */
    record Resource(WimResource resource, List<BlobDescriptor> blobs) {
    }

    /** A piece of a resource's uncompressed data: a chunk, or a window of an uncompressed resource. */
    private record Unit(Tracker tracker, int index, long start, int length) {
    }

    /** A unit's bytes, or why they could not be had. */
    private record Decoded(Unit unit, byte[] data, String failure) {
    }

    void check(List<Resource> resources) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-verify");
            t.setDaemon(true);
            return t;
        });
        BufferPool buffers = new BufferPool();
        UnitIterator units = new UnitIterator(resources);
        Deque<Future<List<Decoded>>> inFlight = new ArrayDeque<>();
        Deque<Long> inFlightSizes = new ArrayDeque<>();
        long inFlightBytes = 0;
        int maxInFlight = 2 * threads;
        try {
            while (true) {
                while (units.hasNext() && inFlight.size() < maxInFlight
                        && (inFlight.isEmpty() || inFlightBytes + units.peek().length() <= IN_FLIGHT_BYTES)) {
                    List<Unit> batch = batch(units);
                    long size = 0;
                    for (Unit u : batch) {
                        size += u.length();
                    }
                    inFlightBytes += size;
                    inFlightSizes.add(size);
                    inFlight.add(pool.submit(() -> decodeAll(batch, buffers)));
                }
                Future<List<Decoded>> f = inFlight.poll();
                if (f == null) {
                    break;
                }
                for (Decoded d : f.get()) {
                    d.unit().tracker().accept(d);
                    if (d.data() != null) {
                        buffers.release(d.data());
                    }
                }
                inFlightBytes -= inFlightSizes.remove();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The next units for one task: one big unit, or small ones up to {@link #BATCH_BYTES} so that a
     * WIM of many small files does not pay a thread hand-off per file.
     */
    private static List<Unit> batch(UnitIterator units) {
        List<Unit> batch = new ArrayList<>();
        long size = 0;
        do {
            Unit u = units.next();
            batch.add(u);
            size += u.length();
        } while (units.hasNext() && batch.size() < BATCH_UNITS && size + units.peek().length() <= BATCH_BYTES);
        return batch;
    }

    private static List<Decoded> decodeAll(List<Unit> batch, BufferPool buffers) {
        List<Decoded> l = new ArrayList<>(batch.size());
        for (Unit u : batch) {
            l.add(decode(u, buffers));
        }
        return l;
    }

    private static Decoded decode(Unit u, BufferPool buffers) {
        byte[] buf = buffers.take(u.length());
        try {
            WimResource r = u.tracker().resource;
            if (r.isCompressed()) {
                ResourceReader.decodeChunk(r, u.index(), buf);
            } else {
                ResourceReader.read(r, u.start(), buf, 0, u.length());
            }
            return new Decoded(u, buf, null);
        } catch (IOException | RuntimeException e) {
            buffers.release(buf);
            return new Decoded(u, null, Main.describe(e));
        }
    }

    /** The units of every resource in turn, skipping those no blob touches. */
    private final class UnitIterator implements Iterator<Unit> {
        private final Iterator<Resource> resources;
        private final Deque<Unit> pending = new ArrayDeque<>();

        UnitIterator(List<Resource> resources) {
            this.resources = resources.iterator();
        }

        private void fill() {
            while (pending.isEmpty() && resources.hasNext()) {
                Resource r = resources.next();
                Tracker t = new Tracker(r);
                try {
                    t.enumerate(pending);
                } catch (IOException | RuntimeException e) {
                    t.failAll(Main.describe(e));
                }
            }
        }

        Unit peek() {
            fill();
            return pending.peek();
        }

        @Override
        public boolean hasNext() {
            fill();
            return !pending.isEmpty();
        }

        @Override
        public Unit next() {
            fill();
            return pending.remove();
        }
    }

    /** The blobs of one resource being hashed as its units arrive in order. */
    private final class Tracker {
        final WimResource resource;
        private final List<BlobDescriptor> sorted;
        private final List<Open> open = new ArrayList<>();
        private int next;
        private int unitsLeft;

        /** A blob whose bytes are being hashed. */
        private static final class Open {
            final BlobDescriptor blob;
            final MessageDigest md = Sha1Digests.newDigest();
            String failure;

            Open(BlobDescriptor blob) {
                this.blob = blob;
            }

            long end() {
                return blob.offsetInResource() + blob.size();
            }
        }

        Tracker(Resource r) {
            this.resource = r.resource();
            this.sorted = new ArrayList<>(r.blobs());
            sorted.sort(Comparator.comparingLong(BlobDescriptor::offsetInResource).thenComparingLong(BlobDescriptor::size));
        }

        /** Adds the units the blobs touch, in order. */
        void enumerate(Deque<Unit> out) throws IOException {
            long size = resource.uncompressedSize();
            ChunkTable table = resource.isCompressed() ? resource.chunkTable() : null;
            long unit = table != null ? table.chunkSize() : RAW_PIECE;
            long count = (size + unit - 1) / unit;
            BitSet needed = new BitSet();
            for (BlobDescriptor b : sorted) {
                long first = b.offsetInResource() / unit;
                long last = (b.offsetInResource() + b.size() - 1) / unit;
                needed.set((int) first, (int) Math.min(last, count - 1) + 1);
            }
            for (int i = needed.nextSetBit(0); i >= 0; i = needed.nextSetBit(i + 1)) {
                long start = i * unit;
                int length = table != null ? table.uncompressedSize(i) : (int) Math.min(unit, size - start);
                out.add(new Unit(this, i, start, length));
                unitsLeft++;
            }
            if (unitsLeft == 0) {
                failAll("it lies outside its resource's " + size + " bytes");
            }
        }

        void failAll(String failure) {
            for (BlobDescriptor b : sorted) {
                finish(b, failure, null);
            }
            next = sorted.size();
        }

        /** Feeds a unit to the blobs it overlaps and finishes those that end in it. */
        void accept(Decoded d) {
            Unit u = d.unit();
            long unitEnd = u.start() + u.length();
            while (next < sorted.size() && sorted.get(next).offsetInResource() < unitEnd) {
                open.add(new Open(sorted.get(next++)));
            }
            for (Iterator<Open> it = open.iterator(); it.hasNext(); ) {
                Open o = it.next();
                long from = Math.max(u.start(), o.blob.offsetInResource());
                long to = Math.min(unitEnd, o.end());
                if (from < to && o.failure == null) {
                    if (d.failure() != null) {
                        o.failure = d.failure();
                    } else {
                        o.md.update(d.data(), (int) (from - u.start()), (int) (to - from));
                    }
                }
                if (o.end() <= unitEnd) {
                    it.remove();
                    finish(o.blob, o.failure, o.failure == null ? o.md.digest() : null);
                }
            }
            if (--unitsLeft == 0) {
                // Only a blob reaching past the resource's data can be left: the reader refuses those.
                for (Open o : open) {
                    finish(o.blob, "it ends past its resource's " + resource.uncompressedSize() + " bytes", null);
                }
                open.clear();
                while (next < sorted.size()) {
                    finish(sorted.get(next++), "it starts past its resource's " + resource.uncompressedSize()
                            + " bytes", null);
                }
            }
        }

        private void finish(BlobDescriptor b, String failure, byte[] actual) {
            blobs++;
            bytes += b.size();
            if (failure != null) {
                problems.add(label(b) + ": " + failure);
            } else if (!b.hash().matches(actual, 0)) {
                problems.add(label(b) + ": SHA-1 mismatch: its data hashes to " + HexFormat.of().formatHex(actual));
            }
        }
    }

    /** Names a blob and where it lies. */
    static String label(BlobDescriptor b) {
        WimResource r = b.resource();
        String where = r.isSolid()
                ? "at offset " + b.offsetInResource() + " of the solid resource at offset " + r.header().offset()
                : "resource at offset " + r.header().offset();
        return "blob " + b.hash() + " (" + b.size() + " bytes, " + where + " of \"" + r.part().path() + "\")";
    }

    /**
     * Reuses the buffers of big chunks (an ESD's solid chunks are 64 MiB), keeping no more than
     * {@link #IN_FLIGHT_BYTES} of them; small buffers are left to the garbage collector, which
     * recycles them cheaply.
     */
    private static final class BufferPool {
        private static final int POOLED = 4 << 20;
        private final Deque<byte[]> free = new ArrayDeque<>();
        private long freeBytes;

        synchronized byte[] take(int length) {
            if (length >= POOLED) {
                for (Iterator<byte[]> it = free.iterator(); it.hasNext(); ) {
                    byte[] b = it.next();
                    if (b.length >= length) {
                        it.remove();
                        freeBytes -= b.length;
                        return b;
                    }
                }
            }
            return new byte[length];
        }

        synchronized void release(byte[] b) {
            if (b.length >= POOLED && freeBytes + b.length <= IN_FLIGHT_BYTES) {
                free.push(b);
                freeBytes += b.length;
            }
        }
    }
}
