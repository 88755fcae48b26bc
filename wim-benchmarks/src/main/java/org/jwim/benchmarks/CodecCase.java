package org.jwim.benchmarks;

import org.jwim.compression.CompressionType;

/**
 * A format at one of the chunk sizes WIM files use it with: what {@link DecompressBenchmark}
 * measures, one JMH {@code @Param} value each.
 */
public enum CodecCase {
    /** XPRESS at wimlib-imagex's and DISM's 32 KiB. */
    XPRESS_32K(CompressionType.XPRESS, 32 << 10, false),
    /** LZX at the 32 KiB every WIM tool writes by default. */
    LZX_32K(CompressionType.LZX, 32 << 10, false),
    /** LZMS in a non-solid resource, wimlib-imagex's 128 KiB. */
    LZMS_128K(CompressionType.LZMS, 128 << 10, false),
    /** LZMS in a solid resource (ESD style): the whole corpus as one stream in 16 MiB chunks. */
    LZMS_SOLID_16M(CompressionType.LZMS, 16 << 20, true);

    private final CompressionType type;
    private final int chunkSize;
    private final boolean solid;

    CodecCase(CompressionType type, int chunkSize, boolean solid) {
        this.type = type;
        this.chunkSize = chunkSize;
        this.solid = solid;
    }

    public CompressionType type() {
        return type;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Whether the files are concatenated before chunking (a solid resource), rather than each
     * file being chunked on its own (a non-solid resource per blob, with a short last chunk).
     */
    public boolean solid() {
        return solid;
    }
}
