package org.jwim.compression.xpress;

import static org.jwim.compression.xpress.XpressDecompressor.LENS_TABLE_SIZE;
import static org.jwim.compression.xpress.XpressDecompressor.MAX_CHUNK_SIZE;
import static org.jwim.compression.xpress.XpressDecompressor.MAX_CODEWORD_LEN;
import static org.jwim.compression.xpress.XpressDecompressor.MIN_MATCH_LEN;
import static org.jwim.compression.xpress.XpressDecompressor.NUM_SYMBOLS;

import java.util.Arrays;
import java.util.Objects;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.huffman.HuffmanCodeBuilder;

/**
 * Compresses chunks of up to 64 KiB to XPRESS Huffman ([MS-XCA] "LZ77+Huffman") as WIM stores
 * them: one Huffman code of 512 symbols per chunk, its lengths in a 256-byte table, then the
 * bit stream ({@link XpressChunkWriter}), ending with the end-of-data symbol Microsoft's decoder
 * expects.
 *
 * <h2>Levels</h2>
 * As wimlib's (its XPRESS compressor parses lazily at the default level; near-optimal parsing
 * starts at 60), with its search parameters except where noted, so that output sizes are alike:
 * <ul>
 * <li>below 30: greedy parsing over hash chains ({@link XpressChainParser}), with a nice
 *     length of 32 and a depth of 16 at level 20 (wimlib's: 75 and 37), for output 0.2-0.4%
 *     larger in 10-20% less time than with wimlib's, so that level 20 stays faster than the
 *     lighter default;</li>
 * <li>30 to 59 (so the default, 50): lazy parsing over hash chains, weighing offsets where
 *     wimlib compares lengths only, with a lighter search than wimlib's: at level 50, nice
 *     length 32 (wimlib's: 93), depth 21 (less than half wimlib's), 5 one byte on, and no look
 *     one byte on after a match of 8 or more. Output 0.1-0.4% larger than with wimlib's nice
 *     length (benchmark corpora; 0.07% on the test fixtures) in 7-11% less time;</li>
 * <li>60 and up: near-optimal parsing over binary trees, costs from the previous pass's code
 *     ({@link XpressOptimalParser}); one pass below 80, two from 80.</li>
 * </ul>
 *
 * <p>Chunks of 260 bytes or less never shrink (the table alone is 256 bytes) and are refused at
 * once. The exact output size is known once the code is built, so a chunk that would not shrink
 * is refused before any of it is written.
 */
public final class XpressCompressor implements ChunkCompressor {
    /** The smallest chunk XPRESS can produce: the table and two empty word slots. */
    static final int MIN_OUTPUT_SIZE = LENS_TABLE_SIZE + 4;
    /** The lowest level that uses the near-optimal parser, as in wimlib. */
    static final int MIN_LEVEL_NEAR_OPTIMAL = 60;
    /** The lowest level that parses lazily rather than greedily, as in wimlib. */
    static final int MIN_LEVEL_LAZY = 30;

    private final int maxChunkSize;
    private final int level;
    private final XpressParser parser;
    private final HuffmanCodeBuilder codeBuilder = new HuffmanCodeBuilder(NUM_SYMBOLS, MAX_CODEWORD_LEN);
    private final int[] freqs = new int[NUM_SYMBOLS];
    private final byte[] lens = new byte[NUM_SYMBOLS];
    private final int[] codewords = new int[NUM_SYMBOLS];
    private final XpressChunkWriter writer = new XpressChunkWriter();
    /** The parse of the current chunk; one more slot for the end-of-data item. */
    private final int[] items;

    /**
     * @param maxChunkSize largest chunk this instance compresses, 1 to 65536
     * @param level        wimlib's compression level, 1 to 100 (50 is the default)
     */
    public XpressCompressor(int maxChunkSize, int level) {
        if (maxChunkSize <= 0 || maxChunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("XPRESS chunks are 1 to 65536 bytes, not " + maxChunkSize);
        }
        if (level < 1 || level > 100) {
            throw new IllegalArgumentException("compression level " + level + " is not in 1..100");
        }
        this.maxChunkSize = maxChunkSize;
        this.level = level;
        this.items = new int[maxChunkSize + 1];
        if (level >= MIN_LEVEL_NEAR_OPTIMAL) {
            this.parser = new XpressOptimalParser(maxChunkSize, level * 56 / 100, Math.max(1, level * 28 / 100),
                    level / 40, codeBuilder);
        } else if (level >= MIN_LEVEL_LAZY) {
            // A third of wimlib's nice length, less than half its depth (a quarter of that one byte
            // on), and no look on past a match of a quarter of the nice length (at least 8). Depth
            // 16 was 4% faster still, but made the test fixtures 0.3% larger, 1% past wimlib's.
            int niceLen = level * 32 / 50;
            int depth = Math.max(4, level * 14 / 32);
            this.parser = new XpressChainParser(maxChunkSize, true, niceLen, depth, depth / 4, Math.max(8, niceLen / 4));
        } else {
            this.parser = new XpressChainParser(maxChunkSize, false, Math.max(MIN_MATCH_LEN, level * 32 / 20),
                    Math.max(1, level * 16 / 20), 0, 0);
        }
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        checkArguments(in, inOff, inLen, out, outOff, outCapacity);
        if (inLen <= MIN_OUTPUT_SIZE) {
            return DID_NOT_SHRINK;
        }
        return encodeChecked(in, inOff, inLen, out, outOff, Math.min(outCapacity, inLen - 1));
    }

    /**
     * Compresses whatever the size, into at most {@code outCapacity} bytes: the work of
     * {@link #compress} without its refusal of chunks that cannot shrink (tests use it on tiny
     * inputs).
     *
     * @return the compressed size, or {@link #DID_NOT_SHRINK} when it exceeds {@code outCapacity}
     */
    int encode(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        checkArguments(in, inOff, inLen, out, outOff, outCapacity);
        return encodeChecked(in, inOff, inLen, out, outOff, outCapacity);
    }

    private void checkArguments(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outCapacity, out.length);
        if (inLen > maxChunkSize) {
            throw new IllegalArgumentException("chunk of " + inLen + " bytes; this compressor takes at most "
                    + maxChunkSize);
        }
    }

    private int encodeChecked(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outCapacity) {
        final int[] freqs = this.freqs;
        Arrays.fill(freqs, 0);
        int count = parser.parse(in, inOff, inLen, items, freqs);
        items[count++] = XpressItems.END_OF_DATA;
        freqs[XpressDecompressor.NUM_CHARS]++;
        codeBuilder.build(NUM_SYMBOLS, freqs, lens, codewords);
        int size = XpressChunkWriter.size(freqs, lens, parser.rawLengthBytes());
        if (size > outCapacity) {
            return DID_NOT_SHRINK;
        }
        int end = writer.write(items, count, codewords, lens, out, outOff);
        if (end - outOff != size) {
            throw new IllegalStateException("XPRESS writer wrote " + (end - outOff) + " bytes, not the " + size
                    + " computed");
        }
        return size;
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
