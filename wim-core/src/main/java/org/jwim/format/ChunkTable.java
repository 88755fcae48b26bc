package org.jwim.format;

import java.io.IOException;
import org.jwim.WimFormatException;
import org.jwim.compression.LittleEndian;
import org.jwim.io.WimPart;

/**
 * Where each chunk of a compressed resource lies in the file: {@code start(i)} is the file offset
 * of chunk {@code i}'s compressed bytes and {@code compressedSize(i)} their count. Built from the
 * three on-disk layouts (non-solid, solid and pipable), each checked so that every chunk lies
 * inside the resource, is at least one byte long and no longer than its uncompressed size.
 */
public final class ChunkTable {
    private final long[] starts;
    private final int[] sizes;
    private final int chunkSize;
    private final long uncompressedSize;

    private ChunkTable(long[] starts, int[] sizes, int chunkSize, long uncompressedSize) {
        this.starts = starts;
        this.sizes = sizes;
        this.chunkSize = chunkSize;
        this.uncompressedSize = uncompressedSize;
    }

    public int count() {
        return sizes.length;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public long start(int i) {
        return starts[i];
    }

    public int compressedSize(int i) {
        return sizes[i];
    }

    /** Uncompressed size of chunk {@code i}: the chunk size, or the remainder for the last one. */
    public int uncompressedSize(int i) {
        long from = (long) i * chunkSize;
        return (int) Math.min(chunkSize, uncompressedSize - from);
    }

    private static int chunkCount(WimPart part, long at, long uncompressedSize, int chunkSize, long limit)
            throws WimFormatException {
        long n = (uncompressedSize + chunkSize - 1) / chunkSize;
        if (n > limit || n > Integer.MAX_VALUE - 8) {
            throw new WimFormatException(part.path(), at, "resource claims " + uncompressedSize
                    + " uncompressed bytes, more chunks (" + n + ") than its stored size allows");
        }
        return (int) n;
    }

    /**
     * The chunk table of a non-solid compressed resource: {@code n - 1} offsets (4 bytes each, 8 when
     * the uncompressed size exceeds 4 GiB - 1) counted from the end of the table, then the chunks.
     */
    public static ChunkTable readNonSolid(WimPart part, ResourceHeader r, int chunkSize) throws IOException {
        long usize = r.uncompressedSize();
        if (usize == 0) {
            throw new WimFormatException(part.path(), r.offset(), "compressed resource with no data");
        }
        int n = chunkCount(part, r.offset(), usize, chunkSize, r.sizeInWim());
        int width = usize > 0xFFFFFFFFL ? 8 : 4;
        long tableBytes = (long) (n - 1) * width;
        if (tableBytes >= r.sizeInWim()) {
            throw new WimFormatException(part.path(), r.offset(), "chunk table of " + tableBytes
                    + " bytes does not fit in the resource of " + r.sizeInWim() + " bytes");
        }
        part.checkRange(r.offset(), r.sizeInWim(), "compressed resource");
        byte[] t = part.read(r.offset(), (int) tableBytes, "chunk table");
        long dataStart = r.offset() + tableBytes;
        long dataSize = r.sizeInWim() - tableBytes;
        long[] starts = new long[n];
        int[] sizes = new int[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long next;
            if (i + 1 < n) {
                int e = i * width;
                next = width == 4 ? LittleEndian.getU32(t, e) : LittleEndian.getLong(t, e);
                if (next < 0 || next > dataSize) {
                    throw new WimFormatException(part.path(), r.offset() + e, "chunk table entry " + (i + 1) + " ("
                            + next + ") points past the end of the resource");
                }
            } else {
                next = dataSize;
            }
            check(part, r.offset() + (long) Math.max(0, i - 1) * width, i, next - prev, usize, chunkSize);
            starts[i] = dataStart + prev;
            sizes[i] = (int) (next - prev);
            prev = next;
        }
        return new ChunkTable(starts, sizes, chunkSize, usize);
    }

    /**
     * The chunk table of a pipable compressed resource: each chunk is preceded by its 4-byte
     * compressed size, and a normal table follows the last chunk whose offsets ignore those headers.
     */
    public static ChunkTable readPipable(WimPart part, ResourceHeader r, int chunkSize) throws IOException {
        long usize = r.uncompressedSize();
        if (usize == 0) {
            throw new WimFormatException(part.path(), r.offset(), "compressed resource with no data");
        }
        int n = chunkCount(part, r.offset(), usize, chunkSize, r.sizeInWim() / 5);
        int width = usize > 0xFFFFFFFFL ? 8 : 4;
        long tableBytes = (long) (n - 1) * width;
        long headerBytes = 4L * n;
        if (tableBytes + headerBytes >= r.sizeInWim()) {
            throw new WimFormatException(part.path(), r.offset(), "pipable resource of " + r.sizeInWim()
                    + " bytes is too small for its " + n + " chunks");
        }
        part.checkRange(r.offset(), r.sizeInWim(), "compressed resource");
        long tableAt = r.end() - tableBytes;
        byte[] t = part.read(tableAt, (int) tableBytes, "chunk table");
        long dataSize = r.sizeInWim() - tableBytes - headerBytes;
        long[] starts = new long[n];
        int[] sizes = new int[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long next;
            if (i + 1 < n) {
                int e = i * width;
                next = width == 4 ? LittleEndian.getU32(t, e) : LittleEndian.getLong(t, e);
                if (next < 0 || next > dataSize) {
                    throw new WimFormatException(part.path(), tableAt + e, "chunk table entry " + (i + 1)
                            + " points past the end of the resource");
                }
            } else {
                next = dataSize;
            }
            check(part, tableAt, i, next - prev, usize, chunkSize);
            starts[i] = r.offset() + 4L * (i + 1) + prev;
            sizes[i] = (int) (next - prev);
            prev = next;
        }
        return new ChunkTable(starts, sizes, chunkSize, usize);
    }

    /**
     * The chunk table of a solid resource whose 16-byte header (uncompressed size, chunk size,
     * format) has been read: 4-byte compressed sizes of every chunk follow it.
     */
    public static ChunkTable readSolid(WimPart part, ResourceHeader r, long usize, int chunkSize) throws IOException {
        long avail = r.sizeInWim() - SolidHeader.SIZE;
        int n = usize == 0 ? 0 : chunkCount(part, r.offset(), usize, chunkSize, avail / 5);
        long tableBytes = 4L * n;
        part.checkRange(r.offset(), r.sizeInWim(), "solid resource");
        byte[] t = part.read(r.offset() + SolidHeader.SIZE, (int) tableBytes, "solid chunk table");
        long pos = r.offset() + SolidHeader.SIZE + tableBytes;
        long end = r.end();
        long[] starts = new long[n];
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            long csize = LittleEndian.getU32(t, 4 * i);
            check(part, r.offset() + SolidHeader.SIZE + 4L * i, i, csize, usize, chunkSize);
            if (csize > end - pos) {
                throw new WimFormatException(part.path(), r.offset() + SolidHeader.SIZE + 4L * i, "solid chunk " + i
                        + " of " + csize + " bytes runs past the end of the resource");
            }
            starts[i] = pos;
            sizes[i] = (int) csize;
            pos += csize;
        }
        return new ChunkTable(starts, sizes, chunkSize, usize);
    }

    private static void check(WimPart part, long at, int i, long csize, long usize, int chunkSize)
            throws WimFormatException {
        long chunkUsize = Math.min(chunkSize, usize - (long) i * chunkSize);
        if (csize <= 0) {
            throw new WimFormatException(part.path(), at, "chunk " + i + " has compressed size " + csize
                    + " (chunk offsets out of order?)");
        }
        if (csize > chunkUsize) {
            throw new WimFormatException(part.path(), at, "chunk " + i + " has compressed size " + csize
                    + ", more than its uncompressed size " + chunkUsize);
        }
    }
}
