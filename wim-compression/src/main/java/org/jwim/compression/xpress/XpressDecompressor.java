package org.jwim.compression.xpress;

import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;

/** Placeholder until the Xpress decoder lands. */
public final class XpressDecompressor implements ChunkDecompressor {
    private final int maxChunkSize;

    public XpressDecompressor(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        throw new CorruptChunkException("Xpress decoding is not implemented yet", 0);
    }

    @Override
    public CompressionType type() {
        return CompressionType.XPRESS;
    }

    @Override
    public int maxChunkSize() {
        return maxChunkSize;
    }
}
