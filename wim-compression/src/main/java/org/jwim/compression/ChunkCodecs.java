package org.jwim.compression;

import org.jwim.compression.lzms.LzmsDecompressor;
import org.jwim.compression.lzx.LzxDecompressor;
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
}
