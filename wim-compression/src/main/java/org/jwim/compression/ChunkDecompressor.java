package org.jwim.compression;

/**
 * Decodes single chunks of one compression format.
 *
 * <p>Every chunk of a WIM resource is compressed on its own (no state carries from one chunk to
 * the next), and its compressed and uncompressed sizes are known from the chunk table, so a
 * decompressor maps one byte region to another. An instance keeps its tables between calls to
 * avoid allocation; it is not thread-safe: use one per thread.
 */
public interface ChunkDecompressor {

    /**
     * Decodes {@code in[inOff, inOff + inLen)} into exactly {@code outLen} bytes at
     * {@code out[outOff]}. Never writes outside {@code out[outOff, outOff + outLen)}.
     *
     * @throws CorruptChunkException when the input does not decode to exactly {@code outLen}
     *         bytes (truncated, corrupt or hostile data), or {@code outLen} is larger than the
     *         chunk size this instance was made for
     */
    void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException;

    /** The format this instance decodes. */
    CompressionType type();

    /** The largest {@code outLen} this instance accepts. */
    int maxChunkSize();
}
