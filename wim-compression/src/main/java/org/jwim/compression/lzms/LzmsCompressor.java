package org.jwim.compression.lzms;

import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;

/** Placeholder until the LZMS encoder lands: constructing it fails. */
public final class LzmsCompressor implements ChunkCompressor {
    private final int maxChunkSize;
    private final int level;

    public LzmsCompressor(int maxChunkSize, int level) {
        throw new UnsupportedOperationException("LZMS compression is not available yet in this version of jwim;"
                + " use --compress=none");
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZMS;
    }

    @Override
    public int maxChunkSize() {
        return maxChunkSize;
    }

    @Override
    public int level() {
        return level;
    }
}
