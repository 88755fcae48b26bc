package org.jwim.compression;

import org.jwim.compression.lzms.LzmsCompressor;
import org.jwim.compression.lzms.LzmsDecompressor;
import org.jwim.compression.lzx.LzxCompressor;
import org.jwim.compression.lzx.LzxDecompressor;
import org.jwim.compression.xpress.XpressCompressor;
import org.jwim.compression.xpress.XpressDecompressor;

/** Picks the codec implementation for a compression type and chunk size. */
public final class ChunkCodecs {
    private ChunkCodecs() {
    }

    /**
     * A new decompressor for chunks of up to {@code maxChunkSize} uncompressed bytes.
     *
     * @throws IllegalArgumentException for {@link CompressionType#NONE} or a chunk size the
     *         format cannot have
     */
    public static ChunkDecompressor newDecompressor(CompressionType type, int maxChunkSize) {
        if (maxChunkSize <= 0 || (type != CompressionType.NONE && maxChunkSize > type.maxChunkSize())) {
            throw new IllegalArgumentException("chunk size " + maxChunkSize + " is not valid for " + type);
        }
        switch (type) {
            case XPRESS:
                return new XpressDecompressor(maxChunkSize);
            case LZX:
                return new LzxDecompressor(maxChunkSize);
            case LZMS:
                return new LzmsDecompressor(maxChunkSize);
            default:
                throw new IllegalArgumentException("no decompressor for " + type);
        }
    }

    /**
     * A new compressor for chunks of up to {@code maxChunkSize} bytes at wimlib's compression
     * {@code level} (1 to 100; 50 is the default).
     *
     * @throws UnsupportedOperationException for a format whose compressor is not available
     * @throws IllegalArgumentException for {@link CompressionType#NONE} or an invalid chunk size or level
     */
    public static ChunkCompressor newCompressor(CompressionType type, int maxChunkSize, int level) {
        checkCompressor(type, maxChunkSize, level);
        return switch (type) {
            case XPRESS -> new XpressCompressor(maxChunkSize, level);
            case LZX -> new LzxCompressor(maxChunkSize, level);
            case LZMS -> new LzmsCompressor(maxChunkSize, level);
            default -> throw new IllegalArgumentException("no compressor for " + type);
        };
    }

    /**
     * Throws what {@link #newCompressor} would throw for these arguments, without allocating a
     * compressor (one for 64 MiB chunks holds hundreds of megabytes).
     */
    public static void checkCompressor(CompressionType type, int maxChunkSize, int level) {
        if (type == CompressionType.NONE || !type.isValidChunkSize(maxChunkSize)) {
            throw new IllegalArgumentException("chunk size " + maxChunkSize + " is not valid for " + type);
        }
        if (level < 1 || level > 100) {
            throw new IllegalArgumentException("compression level " + level + " is not in 1..100");
        }
    }

    /** Whether {@link #newCompressor} can make a compressor of this type. */
    public static boolean canCompress(CompressionType type) {
        try {
            newCompressor(type, type.defaultChunkSize(), 50);
            return true;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
