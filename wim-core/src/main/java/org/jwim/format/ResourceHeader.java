package org.jwim.format;

import org.jwim.compression.LittleEndian;

/**
 * A resource header ("reshdr", 24 bytes): where a resource lies in the file and how big it is.
 *
 * @param sizeInWim        stored size in the file (56 bits), chunk tables and solid header included
 * @param flags            {@code FLAG_*} bits
 * @param offset           absolute file offset of the resource
 * @param uncompressedSize size of the data once decompressed
 */
public record ResourceHeader(long sizeInWim, int flags, long offset, long uncompressedSize) {
    /** Size on disk. */
    public static final int SIZE = 24;

    public static final int FLAG_FREE = 0x01;
    public static final int FLAG_METADATA = 0x02;
    public static final int FLAG_COMPRESSED = 0x04;
    public static final int FLAG_SPANNED = 0x08;
    public static final int FLAG_SOLID = 0x10;

    /** The uncompressed size a blob table entry gives a solid resource (its real size is in the solid header). */
    public static final long SOLID_RESOURCE_MAGIC_SIZE = 0x100000000L;

    /** An all-zero header (no resource). */
    public static final ResourceHeader NONE = new ResourceHeader(0, 0, 0, 0);

    /** Reads the 24 bytes at {@code b[off]}. */
    public static ResourceHeader read(byte[] b, int off) {
        long sizeAndFlags = LittleEndian.getLong(b, off);
        return new ResourceHeader(sizeAndFlags & 0x00FFFFFFFFFFFFFFL, (int) (sizeAndFlags >>> 56),
                LittleEndian.getLong(b, off + 8), LittleEndian.getLong(b, off + 16));
    }

    /** Writes the 24 bytes at {@code b[off]}. */
    public void write(byte[] b, int off) {
        LittleEndian.putLong(b, off, sizeInWim | ((long) flags << 56));
        LittleEndian.putLong(b, off + 8, offset);
        LittleEndian.putLong(b, off + 16, uncompressedSize);
    }

    public boolean isCompressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    public boolean isSolid() {
        return (flags & FLAG_SOLID) != 0;
    }

    public boolean isMetadata() {
        return (flags & FLAG_METADATA) != 0;
    }

    /** Whether all fields are zero: the header names no resource. */
    public boolean isEmpty() {
        return sizeInWim == 0 && flags == 0 && offset == 0 && uncompressedSize == 0;
    }

    /** The first file offset after the resource. */
    public long end() {
        return offset + sizeInWim;
    }
}
