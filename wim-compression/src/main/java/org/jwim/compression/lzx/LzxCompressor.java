package org.jwim.compression.lzx;

import java.util.Objects;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;

/**
 * Encodes LZX chunks as WIM stores them (see {@link LzxDecompressor} for the format), at
 * wimlib's compression levels.
 *
 * <p>A chunk is copied and its x86 calls translated ({@link LzxE8Translator}), then parsed into
 * blocks of literals and matches and written with per-block Huffman codes
 * ({@link LzxBlockWriter}). Levels 1-34 parse lazily over hash chains
 * ({@link LzxLazyParser}: search depth 3 * level, nice length 4 * level); levels 35-100 parse
 * near-optimally over binary trees ({@link LzxNearOptimalParser}: search depth 24 * level / 50,
 * nice length 48 * level / 50), the same split and parameters as wimlib's compressor. From level
 * 70 the passes are wimlib's too (3 below 100, 4 at 100), and so is the output size; below 70
 * (so at the default, 50) a single pass under costs estimated from a lazy parse, with a lighter
 * search, gives output about 0.6% larger than wimlib's in about two thirds of the time wimlib's
 * method takes here.
 *
 * <p>The window is the chunk size given to the constructor (the resource's), which fixes the
 * main alphabet; shorter chunks (a resource's last) are encoded with the same window. The
 * output goes straight into the caller's buffer, up to the smaller of its room and the input
 * size minus one; a chunk that does not fit is reported as {@link #DID_NOT_SHRINK}, and the
 * parse stops at the first block that overflows. All tables and buffers are allocated in the
 * constructor and reused; one instance per thread.
 */
public final class LzxCompressor implements ChunkCompressor {
    /** Levels up to this parse lazily; above, near-optimally (as wimlib). */
    static final int MAX_LAZY_LEVEL = 34;

    private final int maxChunkSize;
    private final int level;
    /** The chunk after E8 translation, with room for 8-byte loads past its end. */
    private final byte[] buf;
    private final LzxBlockWriter writer;
    private final LzxParser parser;
    private final LzxBitOutput output = new LzxBitOutput();

    /**
     * @param maxChunkSize the resource's chunk size, 1 byte to 2 MiB
     * @param level        wimlib's compression level, 1 to 100 (50 is the default)
     */
    public LzxCompressor(int maxChunkSize, int level) {
        if (level < 1 || level > 100) {
            throw new IllegalArgumentException("compression level " + level + " is not in 1..100");
        }
        int windowOrder = LzxConstants.windowOrder(maxChunkSize);
        this.maxChunkSize = maxChunkSize;
        this.level = level;
        this.buf = new byte[maxChunkSize + Long.BYTES];
        this.writer = new LzxBlockWriter(windowOrder);
        this.parser = level <= MAX_LAZY_LEVEL
                ? new LzxLazyParser(maxChunkSize, level, writer)
                : new LzxNearOptimalParser(maxChunkSize, level, writer);
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        Objects.checkFromIndexSize(outOff, outCapacity, out.length);
        int size = encode(in, inOff, inLen, out, outOff, Math.min(outCapacity, inLen - 1));
        return size < 0 ? DID_NOT_SHRINK : size;
    }

    /**
     * Encodes the chunk into at most {@code capacity} bytes whatever its size.
     *
     * @return the size written, or -1 if it did not fit
     */
    int encode(byte[] in, int inOff, int inLen, byte[] out, int outOff, int capacity) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        if (inLen > maxChunkSize) {
            throw new IllegalArgumentException("chunk of " + inLen + " bytes is larger than the chunk size "
                    + maxChunkSize);
        }
        if (inLen == 0 || capacity <= 0) {
            return -1;
        }
        System.arraycopy(in, inOff, buf, 0, inLen);
        LzxE8Translator.apply(buf, inLen);
        output.reset(out, outOff, capacity);
        writer.startChunk();
        parser.parse(buf, inLen, output);
        return output.finish();
    }

    /** The block writer, whose counts tell tests what the last chunk was made of. */
    LzxBlockWriter blockWriter() {
        return writer;
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZX;
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
