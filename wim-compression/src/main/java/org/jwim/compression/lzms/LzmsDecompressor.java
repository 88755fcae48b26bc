package org.jwim.compression.lzms;

import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;

/** Placeholder until the Lzms decoder lands. */
public final class LzmsDecompressor implements ChunkDecompressor {
    private final int maxChunkSize;

    public LzmsDecompressor(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        throw new CorruptChunkException("Lzms decoding is not implemented yet", 0);
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZMS;
    }

    @Override
    public int maxChunkSize() {
        return maxChunkSize;
    }
}
