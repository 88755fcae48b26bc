package org.jwim.compression;

/**
 * The compression formats a WIM resource can use, with the numbers the format gives them.
 *
 * <p>{@link #solidFormat()} is the value stored in a solid resource header (and used by wimlib's
 * {@code wimlib_create_decompressor}); {@link #headerFlag()} is the {@code WIM_HDR_FLAG_COMPRESS_*}
 * bit of the WIM header.
 */
public enum CompressionType {
    NONE(0, 0, 0, 0, 0),
    XPRESS(1, 0x00020000, 1 << 12, 1 << 16, 1 << 15),
    LZX(2, 0x00040000, 1 << 15, 1 << 21, 1 << 15),
    LZMS(3, 0x00080000, 1 << 15, 1 << 30, 1 << 17);

    /** Header flag Microsoft's tools set for XPRESS in some files; read as {@link #XPRESS}. */
    public static final int FLAG_COMPRESS_XPRESS_2 = 0x00200000;

    private final int solidFormat;
    private final int headerFlag;
    private final int minChunkSize;
    private final int maxChunkSize;
    private final int defaultChunkSize;

    CompressionType(int solidFormat, int headerFlag, int minChunkSize, int maxChunkSize, int defaultChunkSize) {
        this.solidFormat = solidFormat;
        this.headerFlag = headerFlag;
        this.minChunkSize = minChunkSize;
        this.maxChunkSize = maxChunkSize;
        this.defaultChunkSize = defaultChunkSize;
    }

    /** The format number of a solid resource header: 0 none, 1 XPRESS, 2 LZX, 3 LZMS. */
    public int solidFormat() {
        return solidFormat;
    }

    /** The {@code WIM_HDR_FLAG_COMPRESS_*} bit, 0 for {@link #NONE}. */
    public int headerFlag() {
        return headerFlag;
    }

    /** Smallest chunk size wimlib accepts for this format. */
    public int minChunkSize() {
        return minChunkSize;
    }

    /** Largest chunk size wimlib accepts for this format. */
    public int maxChunkSize() {
        return maxChunkSize;
    }

    /** wimlib-imagex's default chunk size for non-solid resources of this format. */
    public int defaultChunkSize() {
        return defaultChunkSize;
    }

    /** Whether {@code chunkSize} is a power of two in this format's range. */
    public boolean isValidChunkSize(long chunkSize) {
        return this != NONE && chunkSize >= minChunkSize && chunkSize <= maxChunkSize
                && Long.bitCount(chunkSize) == 1;
    }

    /** The type with the given solid-header format number, or {@code null}. */
    public static CompressionType fromSolidFormat(int format) {
        for (CompressionType t : values()) {
            if (t.solidFormat == format) {
                return t;
            }
        }
        return null;
    }

    /** A lower-case name as wimlib-imagex prints and accepts it ("none", "xpress", "lzx", "lzms"). */
    public String displayName() {
        return this == NONE ? "None" : name();
    }
}
