package org.jwim.compression;

/**
 * Encodes single chunks of one compression format.
 *
 * <p>Reusable, not thread-safe (one per thread), and allocation-free per chunk once built.
 */
public interface ChunkCompressor {

    /** Returned by {@link #compress} when the encoded form would not be smaller than the input. */
    int DID_NOT_SHRINK = -1;

    /**
     * Compresses {@code in[inOff, inOff + inLen)} into {@code out[outOff, outOff + outCapacity)}.
     *
     * @return the compressed size, which is less than {@code inLen}, or {@link #DID_NOT_SHRINK}
     *         (the writer then stores the chunk raw)
     * @throws IllegalArgumentException if {@code inLen} exceeds {@link #maxChunkSize()}
     */
    int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity);

    /** The format this instance writes. */
    CompressionType type();

    /** The largest chunk this instance accepts. */
    int maxChunkSize();

    /** The compression level, 1 to 100 as in wimlib (50 is the default). */
    int level();
}
