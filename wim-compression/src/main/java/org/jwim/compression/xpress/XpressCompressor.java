package org.jwim.compression.xpress;

import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;

/** Placeholder until the XPRESS encoder lands: constructing it fails. */
public final class XpressCompressor implements ChunkCompressor {
    private final int maxChunkSize;
    private final int level;

    public XpressCompressor(int maxChunkSize, int level) {
        throw new UnsupportedOperationException("XPRESS compression is not available yet in this version of jwim;"
                + " use --compress=none");
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompressionType type() {
        return CompressionType.XPRESS;
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
