package org.jwim.compression.lzx;

import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;

/** Placeholder until the Lzx decoder lands. */
public final class LzxDecompressor implements ChunkDecompressor {
    private final int maxChunkSize;

    public LzxDecompressor(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        throw new CorruptChunkException("Lzx decoding is not implemented yet", 0);
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZX;
    }

    @Override
    public int maxChunkSize() {
        return maxChunkSize;
    }
}
