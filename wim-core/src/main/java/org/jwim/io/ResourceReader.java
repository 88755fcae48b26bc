package org.jwim.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jwim.WimFormatException;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.jwim.format.ChunkTable;

/**
 * Random access to the uncompressed bytes of any resource: reading a range decodes only the chunks
 * it touches. Decoded chunks go to a small per-thread cache, so sequential reads and nearby random
 * reads decode each chunk once; decompressors and buffers are per thread too.
 */
public final class ResourceReader {
    /** Most bytes of decoded chunks one thread keeps. */
    static final long CACHE_BYTES = 160L << 20;
    private static final int CACHE_ENTRIES = 4;

    private static final ThreadLocal<ResourceReader> LOCAL = ThreadLocal.withInitial(ResourceReader::new);

    private final Entry[] entries = new Entry[CACHE_ENTRIES];
    private final Map<Long, ChunkDecompressor> decompressors = new HashMap<>();
    private byte[] compressed = new byte[0];
    private long clock;

    private static final class Entry {
        WimResource resource;
        int index = -1;
        byte[] data;
        int length;
        long lastUse;
    }

    private ResourceReader() {
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Entry();
        }
    }

    /**
     * Copies {@code len} uncompressed bytes from {@code pos} of resource {@code r} into {@code dst[off]}.
     */
    public static void read(WimResource r, long pos, byte[] dst, int off, int len) throws IOException {
        if (pos < 0 || len < 0 || pos > r.uncompressedSize() || len > r.uncompressedSize() - pos) {
            throw new WimFormatException(r.part().path(), r.header().offset(), "read of " + len + " bytes at " + pos
                    + " is outside the resource's " + r.uncompressedSize() + " bytes");
        }
        if (len == 0) {
            return;
        }
        if (r.kind() == WimResource.Kind.RAW) {
            r.part().readFully(r.header().offset() + pos, dst, off, len, "resource data");
            return;
        }
        LOCAL.get().readChunked(r, pos, dst, off, len);
    }

    /** Drops this thread's cached chunks (e.g. after closing a WIM). */
    public static void clearThreadCache() {
        LOCAL.remove();
    }

    private void readChunked(WimResource r, long pos, byte[] dst, int off, int len) throws IOException {
        ChunkTable t = r.chunkTable();
        int cs = t.chunkSize();
        while (len > 0) {
            int index = (int) (pos / cs);
            int inChunk = (int) (pos - (long) index * cs);
            Entry e = chunk(r, t, index);
            int n = Math.min(len, e.length - inChunk);
            System.arraycopy(e.data, inChunk, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private Entry chunk(WimResource r, ChunkTable t, int index) throws IOException {
        Entry victim = entries[0];
        for (Entry e : entries) {
            if (e.resource == r && e.index == index) {
                e.lastUse = ++clock;
                return e;
            }
            if (e.lastUse < victim.lastUse) {
                victim = e;
            }
        }
        int usize = t.uncompressedSize(index);
        if (victim.data == null || victim.data.length < usize) {
            victim.data = null;
            trimCache(usize);
            victim.data = new byte[Math.max(usize, Math.min(t.chunkSize(), 1 << 16))];
        }
        victim.resource = null;
        decode(r, t, index, victim.data, usize);
        victim.resource = r;
        victim.index = index;
        victim.length = usize;
        victim.lastUse = ++clock;
        return victim;
    }

    private void trimCache(int needed) {
        long total = needed;
        for (Entry e : entries) {
            if (e.data != null) {
                total += e.data.length;
            }
        }
        for (int i = 0; total > CACHE_BYTES && i < entries.length; i++) {
            Entry e = entries[i];
            if (e.data != null) {
                total -= e.data.length;
                e.data = null;
                e.resource = null;
                e.index = -1;
            }
        }
    }

    /** Decodes chunk {@code index} of {@code r} into {@code out[0, usize)}. */
    public static void decodeChunk(WimResource r, int index, byte[] out) throws IOException {
        ChunkTable t = r.chunkTable();
        LOCAL.get().decode(r, t, index, out, t.uncompressedSize(index));
    }

    private void decode(WimResource r, ChunkTable t, int index, byte[] out, int usize) throws IOException {
        int csize = t.compressedSize(index);
        long at = t.start(index);
        WimPart part = r.part();
        if (csize == usize) {
            part.readFully(at, out, 0, usize, "stored chunk");
            return;
        }
        if (compressed.length < csize) {
            compressed = new byte[Math.max(csize, Math.min(t.chunkSize(), 1 << 16))];
        }
        part.readFully(at, compressed, 0, csize, "compressed chunk");
        if (r.kind() == WimResource.Kind.PIPABLE_CHUNKED) {
            // The 4-byte chunk header just before the data repeats the compressed size.
            byte[] h = new byte[4];
            part.readFully(at - 4, h, 0, 4, "pipable chunk header");
            int stored = (h[0] & 0xFF) | (h[1] & 0xFF) << 8 | (h[2] & 0xFF) << 16 | (h[3] & 0xFF) << 24;
            if (stored != csize) {
                throw new WimFormatException(part.path(), at - 4, "pipable chunk header says " + Integer.toUnsignedString(stored)
                        + " bytes, the chunk table " + csize);
            }
        }
        CompressionType type = r.compressionType();
        if (type == CompressionType.NONE) {
            throw new WimFormatException(part.path(), at, "chunk of an uncompressed solid resource is not stored raw");
        }
        ChunkDecompressor d = decompressor(type, t.chunkSize());
        try {
            d.decompress(compressed, 0, csize, out, 0, usize);
        } catch (CorruptChunkException e) {
            throw new WimFormatException(part.path(), at + e.offset(), "invalid " + type + " data in chunk " + index
                    + " of the " + r + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A decoder bug must not escape as anything but a format error naming the place.
            throw new WimFormatException(part.path(), at, "could not decode " + type + " chunk " + index + ": " + e, e);
        }
    }

    private ChunkDecompressor decompressor(CompressionType type, int chunkSize) {
        long key = ((long) type.ordinal() << 32) | chunkSize;
        return decompressors.computeIfAbsent(key, k -> ChunkCodecs.newDecompressor(type, chunkSize));
    }
}
