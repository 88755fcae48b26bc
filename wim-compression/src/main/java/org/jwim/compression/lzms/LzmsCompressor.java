package org.jwim.compression.lzms;

import java.util.Objects;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;

/**
 * Compresses LZMS chunks as WIM and ESD files hold them (format notes 14.3), at wimlib's levels.
 *
 * <p>A chunk is copied, run through the x86 filter, parsed into literals and LZ and delta
 * matches, and written as two streams sharing the output: range-coded decisions forwards from
 * the start and Huffman codewords and extra bits backwards from the end, joined at the end.
 *
 * <p>Levels: below {@value #NEAR_OPTIMAL_LEVEL}, lazy parsing over hash chains (nice length
 * {@code 6 * level}, chains searched {@code 3 * level} deep); from there on, near-optimal parsing
 * over binary trees searched {@code 2/3 * level} deep, with wimlib's nice match length (63 at
 * level 50, 126 at 100) and, as in wimlib, delta matches from level 35 and multi-item arrivals
 * from 45 and 60. (wimlib parses near-optimally at every level.) Unlike wimlib, explicit delta
 * matches are looked up at every 2nd position below level 80, and priced at their full length
 * only below 60.
 *
 * <p>Memory, allocated once: a copy of the chunk plus the match finder, at most 8 bytes per
 * position of a window of up to 64 MiB for the binary trees (4 for the hash chains); see
 * {@link #memoryBytes()}. Nothing is allocated per chunk.
 */
public final class LzmsCompressor implements ChunkCompressor {
    /** The lowest level that parses near-optimally. */
    static final int NEAR_OPTIMAL_LEVEL = 30;
    /** Spare bytes after the chunk copy, so 8-byte loads near its end stay inside. */
    private static final int PADDING = 8;

    private final int maxChunkSize;
    private final int level;
    private final byte[] buffer;
    private final LzmsX86Filter x86Filter = new LzmsX86Filter();
    private final LzmsItemEncoder encoder;
    private final LzmsParser parser;

    /**
     * @param maxChunkSize largest chunk, 1 byte to 1 GiB
     * @param level        1 to 100, 50 the default
     * @throws IllegalArgumentException if either is out of range
     */
    public LzmsCompressor(int maxChunkSize, int level) {
        if (maxChunkSize <= 0 || maxChunkSize > CompressionType.LZMS.maxChunkSize()) {
            throw new IllegalArgumentException("LZMS chunk size out of range: " + maxChunkSize);
        }
        if (level < 1 || level > 100) {
            throw new IllegalArgumentException("compression level " + level + " is not in 1..100");
        }
        this.maxChunkSize = maxChunkSize;
        this.level = level;
        this.buffer = new byte[maxChunkSize + PADDING];
        this.encoder = new LzmsItemEncoder(maxChunkSize);
        if (level < NEAR_OPTIMAL_LEVEL) {
            // The lazy parse looks at one match per position: it gains more from long matches
            // and deep chains than the near-optimal parse does (4% smaller at level 20 than with
            // wimlib's nice length, still faster than wimlib there).
            int nice = Math.max(16, Math.min(LzmsSlotLookup.MAX_FAST_LENGTH, level * 6));
            this.parser = new LzmsLazyParser(maxChunkSize, nice, Math.max(4, level * 3));
        } else {
            int nice = Math.min(LzmsSlotLookup.MAX_FAST_LENGTH, level * 63 / 50);
            // Explicit delta matches: wimlib looks them up at every position and prices every
            // length. Below level 80 they are looked up at every 2nd position (every span but
            // 1 byte still found, all offsets being even), and below 60 priced at their full
            // length only: at level 50, 0.05% of size on PE code, 0.15% on headers and man pages,
            // for 7-13% and 7-19% less time (repeat runs on a shared machine); at 16 MiB solid
            // chunks, 0.04% of size for 25% less time.
            int deltaInterval = level >= 80 ? 1 : 2;
            boolean deltaAllLengths = level >= 60;
            this.parser = new LzmsNearOptimalParser(maxChunkSize, nice, Math.max(8, level * 2 / 3), level,
                    deltaInterval, deltaAllLengths, deltaAllLengths);
        }
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outCapacity, out.length);
        if (inLen > maxChunkSize) {
            throw new IllegalArgumentException("chunk of " + inLen + " bytes exceeds " + maxChunkSize);
        }
        // The result must be smaller than the input and of even length.
        int limit = Math.min(outCapacity, inLen - 1) & ~1;
        int n = encode(in, inOff, inLen, out, outOff, limit);
        return n < 0 ? DID_NOT_SHRINK : n;
    }

    /**
     * Encodes a chunk into {@code out[outOff, outOff + limit)} whatever its size: the compressed
     * size, or -1 if it does not fit. Tests use it on chunks too small to shrink.
     */
    int encode(byte[] in, int inOff, int inLen, byte[] out, int outOff, int limit) {
        // Two words of range coder output at the very least.
        if (inLen <= 0 || limit < 6) {
            return -1;
        }
        System.arraycopy(in, inOff, buffer, 0, inLen);
        x86Filter.apply(buffer, 0, inLen);
        encoder.reset(inLen, out, outOff, outOff + limit);
        parser.parse(buffer, inLen, encoder);
        return encoder.finish();
    }

    /** Bytes of memory this compressor holds (chunk copy, match finders, parser state). */
    public long memoryBytes() {
        return buffer.length + parser.memoryBytes();
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
