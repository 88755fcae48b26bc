package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.ALIGNEDCODE_ELEMENT_SIZE;
import static org.jwim.compression.lzx.LzxConstants.ALIGNEDCODE_NUM_SYMBOLS;
import static org.jwim.compression.lzx.LzxConstants.BLOCKTYPE_ALIGNED;
import static org.jwim.compression.lzx.LzxConstants.BLOCKTYPE_UNCOMPRESSED;
import static org.jwim.compression.lzx.LzxConstants.BLOCKTYPE_VERBATIM;
import static org.jwim.compression.lzx.LzxConstants.DEFAULT_BLOCK_SIZE;
import static org.jwim.compression.lzx.LzxConstants.EXTRA_BITS;
import static org.jwim.compression.lzx.LzxConstants.LENCODE_NUM_SYMBOLS;
import static org.jwim.compression.lzx.LzxConstants.MAX_ALIGNED_CODEWORD_LEN;
import static org.jwim.compression.lzx.LzxConstants.MAX_LEN_CODEWORD_LEN;
import static org.jwim.compression.lzx.LzxConstants.MAX_MAIN_CODEWORD_LEN;
import static org.jwim.compression.lzx.LzxConstants.MIN_MATCH_LEN;
import static org.jwim.compression.lzx.LzxConstants.NUM_ALIGNED_OFFSET_BITS;
import static org.jwim.compression.lzx.LzxConstants.NUM_CHARS;
import static org.jwim.compression.lzx.LzxConstants.NUM_PRIMARY_LENS;
import static org.jwim.compression.lzx.LzxConstants.OFFSET_ADJUSTMENT;
import static org.jwim.compression.lzx.LzxConstants.SLOT_BASE;

import java.util.Arrays;
import java.util.Objects;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;
import org.jwim.compression.huffman.HuffmanDecodeTable;

/**
 * Decodes LZX chunks as WIM stores them.
 *
 * <p><b>Format.</b> A chunk is a sequence of blocks, each a 3-bit type (1 verbatim, 2 aligned
 * offset, 3 uncompressed) and a size (one set bit for 32768, else 16 bits, plus 8 more for
 * windows of 64 KiB and up), in a stream of 16-bit little-endian words read from the top bit
 * down. Verbatim and aligned blocks carry Huffman codes (main: 256 literals plus 8 length headers
 * per offset slot; length: lengths 9-257; aligned: the low 3 offset bits), their lengths
 * pretree-coded as deltas from the previous block's; matches use offset slots, of which 0-2
 * repeat the recent offsets R0-R2 (the used one swaps with R0). Uncompressed blocks hold R0-R2
 * and raw bytes at the next word boundary. The window is the chunk size (32 KiB to 2 MiB, the
 * size given to the constructor), and every chunk starts afresh: zero code lengths, R0=R1=R2=1,
 * no history. Finally x86 call targets are translated back (see {@link LzxE8Filter}).
 *
 * <p><b>Checks.</b> Block types, sizes (0 or past the end of the output is refused), pretree,
 * main, length and aligned codes (over-subscribed codes are refused; incomplete ones decode
 * their unused patterns as symbol 0), match lengths (never past the block), offsets (never
 * before the chunk start), uncompressed block bounds, and that no bit past the end of the input
 * was consumed. Every block produces at least one byte, so decoding always ends. Any failure is a
 * {@link CorruptChunkException} with the offset in the chunk; nothing is written outside
 * {@code out[outOff, outOff + outLen)}. Like wimlib, a pretree run may reach past the lengths it
 * codes, a 17 may follow a 19, and a match may not cross its block's end; unlike wimlib (which
 * reads zeros there and takes empty blocks) input that runs out and blocks of size 0 are refused.
 * Every Microsoft- and wimlib-made LZX WIM we have decodes under these rules.
 *
 * <p><b>Speed.</b> The symbol loop is one method working on few locals: a 64-bit MSB-first bit
 * buffer with a marker bit below the valid bits instead of a bit count (fewer than 32 bits left
 * is {@code (int) buf == 0}, consuming is one shift), refilled two words at a time by one 32-bit
 * load; two main symbols per turn (32 bits cover both), table lookups through
 * {@link HuffmanDecodeTable} (11 bits for the main code, 10 for the length code: one lookup for
 * most symbols), and match copies 8 bytes at a time (offsets under 8 first lay down 8 bytes, then
 * copy from a multiple of the offset) wherever the block has room for the overshoot, byte by byte
 * only near its end. C2 keeps the bit buffer and output position in registers only while the
 * loop has no calls and few live values: recent offsets and per-block values live in fields, the
 * loads near the end of the input come from an array the reader precomputed (a call there, even
 * a rarely taken one that C2 did not inline, made it spill everything: 0.70x of wimlib on PE
 * before, 0.8x after), and the copy loop steps its source rather than a counter (a counted loop
 * gets unrolled and takes the registers). E8 translation is skipped when no block could have
 * produced an E8 byte and scans 8 bytes at a time otherwise. Tables and buffers are allocated
 * once, sized by the chunk size, and reused.
 */
public final class LzxDecompressor implements ChunkDecompressor {
    private static final int MAIN_TABLE_BITS = 11;
    private static final int LENGTH_TABLE_BITS = 10;
    private static final int MAIN_SUBTABLE_BITS = MAX_MAIN_CODEWORD_LEN - MAIN_TABLE_BITS;
    private static final int LENGTH_SUBTABLE_BITS = MAX_LEN_CODEWORD_LEN - LENGTH_TABLE_BITS;
    /** Main table entries below this are literals: {@code symbol << 8 | length} with symbol < 256. */
    private static final int LITERAL_ENTRY_LIMIT = NUM_CHARS << 8;
    /** For offsets 1-7: the smallest multiple of the offset that is at least 8. */
    private static final int[] PATTERN_STEP = {0, 8, 8, 9, 8, 10, 12, 14};

    private final int maxChunkSize;
    private final int windowOrder;
    private final int numMainSymbols;

    private final byte[] mainLens;
    private final byte[] lengthLens;
    private final byte[] alignedLens = new byte[ALIGNEDCODE_NUM_SYMBOLS];
    private final HuffmanDecodeTable mainCode;
    private final HuffmanDecodeTable lengthCode;
    private final HuffmanDecodeTable alignedCode;
    private final int[] lengthTable;
    private final int[] alignedTable;
    private final LzxCodeLengthReader lengthReader = new LzxCodeLengthReader();
    private final LzxBitReader bits = new LzxBitReader();

    /** Recent offsets, carried from block to block inside a chunk. */
    private int r0;
    private int r1;
    private int r2;
    /** Per block, read by the symbol loop from here to keep its locals few. */
    private int alignedMask;
    private int outStart;

    /**
     * @param maxChunkSize the chunk size of the resource (1 byte to 2 MiB); it fixes the window,
     *                     hence the alphabet, so it must be the resource's, not a bigger bound
     */
    public LzxDecompressor(int maxChunkSize) {
        this.windowOrder = LzxConstants.windowOrder(maxChunkSize);
        this.maxChunkSize = maxChunkSize;
        this.numMainSymbols = LzxConstants.numMainSymbols(windowOrder);
        this.mainLens = new byte[numMainSymbols + LzxCodeLengthReader.MAX_OVERRUN];
        this.lengthLens = new byte[LENCODE_NUM_SYMBOLS + LzxCodeLengthReader.MAX_OVERRUN];
        this.mainCode = new HuffmanDecodeTable(numMainSymbols, MAIN_TABLE_BITS, MAX_MAIN_CODEWORD_LEN);
        this.lengthCode = new HuffmanDecodeTable(LENCODE_NUM_SYMBOLS, LENGTH_TABLE_BITS, MAX_LEN_CODEWORD_LEN);
        this.alignedCode = new HuffmanDecodeTable(ALIGNEDCODE_NUM_SYMBOLS, MAX_ALIGNED_CODEWORD_LEN,
                MAX_ALIGNED_CODEWORD_LEN);
        this.lengthTable = lengthCode.table;
        this.alignedTable = alignedCode.table;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if (outLen > maxChunkSize) {
            throw new CorruptChunkException("LZX chunk of " + outLen + " bytes is larger than the chunk size "
                    + maxChunkSize, 0);
        }
        final LzxBitReader bits = this.bits;
        bits.reset(in, inOff, inLen);
        Arrays.fill(mainLens, (byte) 0);
        Arrays.fill(lengthLens, (byte) 0);
        r0 = 1;
        r1 = 1;
        r2 = 1;
        boolean mayHaveE8 = false;
        final int outEnd = outOff + outLen;
        int op = outOff;
        while (op < outEnd) {
            final long blockStart = bits.offset();
            int type = bits.bits(3);
            int size;
            if (bits.bits(1) != 0) {
                size = DEFAULT_BLOCK_SIZE;
            } else {
                size = bits.bits(16);
                if (windowOrder >= 16) {
                    size = (size << 8) | bits.bits(8);
                }
            }
            if (size == 0 || size > outEnd - op) {
                throw new CorruptChunkException("LZX block of " + size + " bytes where " + (outEnd - op)
                        + " are left", blockStart);
            }
            switch (type) {
                case BLOCKTYPE_ALIGNED, BLOCKTYPE_VERBATIM -> {
                    readCodes(type == BLOCKTYPE_ALIGNED);
                    bits.checkNotOverrun();
                    mayHaveE8 |= mainLens[0xE8] != 0;
                    op = decodeBlock(out, outOff, op, op + size, type == BLOCKTYPE_ALIGNED);
                    bits.checkNotOverrun();
                }
                case BLOCKTYPE_UNCOMPRESSED -> {
                    op = copyUncompressed(in, inOff + inLen, out, op, size);
                    mayHaveE8 = true;
                }
                default -> throw new CorruptChunkException("LZX block type " + type, blockStart);
            }
        }
        if (mayHaveE8) {
            LzxE8Filter.undo(out, outOff, outLen);
        }
    }

    private void readCodes(boolean aligned) throws CorruptChunkException {
        final LzxBitReader bits = this.bits;
        if (aligned) {
            for (int i = 0; i < ALIGNEDCODE_NUM_SYMBOLS; i++) {
                alignedLens[i] = (byte) bits.bits(ALIGNEDCODE_ELEMENT_SIZE);
            }
            buildOrFail(alignedCode, alignedLens, "aligned");
        }
        // Literals and match symbols have a pretree each.
        lengthReader.read(bits, mainLens, 0, NUM_CHARS);
        lengthReader.read(bits, mainLens, NUM_CHARS, numMainSymbols - NUM_CHARS);
        buildOrFail(mainCode, mainLens, "main");
        lengthReader.read(bits, lengthLens, 0, LENCODE_NUM_SYMBOLS);
        buildOrFail(lengthCode, lengthLens, "length");
    }

    private void buildOrFail(HuffmanDecodeTable code, byte[] lens, String name) throws CorruptChunkException {
        if (!code.build(lens, 0)) {
            throw new CorruptChunkException("LZX " + name + " code is over-subscribed", bits.offset());
        }
    }

    /** Copies an uncompressed block, whose header (R0, R1, R2) starts at the next word boundary. */
    private int copyUncompressed(byte[] in, int inEnd, byte[] out, int op, int size) throws CorruptChunkException {
        int p = bits.uncompressedHeaderStart();
        final int start = bits.start;
        if (p > inEnd - 12) {
            throw new CorruptChunkException("LZX uncompressed block header is truncated", Math.min(p, inEnd) - start);
        }
        int a = LittleEndian.getInt(in, p);
        int b = LittleEndian.getInt(in, p + 4);
        int c = LittleEndian.getInt(in, p + 8);
        if (a == 0 || b == 0 || c == 0) {
            throw new CorruptChunkException("LZX uncompressed block with a recent offset of 0", p - start);
        }
        // Offsets of 2^31 and more are as unusable as any beyond the window: keep them positive.
        r0 = a < 0 ? Integer.MAX_VALUE : a;
        r1 = b < 0 ? Integer.MAX_VALUE : b;
        r2 = c < 0 ? Integer.MAX_VALUE : c;
        p += 12;
        if (size > inEnd - p) {
            throw new CorruptChunkException("LZX uncompressed block is truncated", inEnd - start);
        }
        System.arraycopy(in, p, out, op, size);
        p += size;
        // The pad byte after an odd block may be missing at the very end of the chunk.
        if ((size & 1) != 0 && p < inEnd) {
            p++;
        }
        bits.restartAt(p);
        return op + size;
    }

    /**
     * Decodes the symbols of a verbatim or aligned block into {@code out[op, blockEnd)}.
     *
     * <p>The loop keeps the bit buffer in the marker form: the unread bits from bit 63 down,
     * then a 1, then zeros, so that it needs no bit count (fewer than 32 bits left is
     * {@code (int) buf == 0}) and consuming bits is one shift. It adds two words (one 32-bit
     * load) whenever fewer than 32 bits are left, which covers any two main symbols, a length
     * symbol, or the offset bits of a match.
     *
     * @return {@code blockEnd}
     */
    private int decodeBlock(byte[] out, int outStart, int op, int blockEnd, boolean aligned)
            throws CorruptChunkException {
        // Only the bit buffer, positions and arrays live in locals: with more, C2 spills the bit
        // buffer or the output position. Recent offsets and the rest stay in fields, touched by
        // matches only.
        final byte[] in = bits.in;
        final int fastLimit = bits.end - 4;
        final int[] mainTable = mainCode.table;
        // Aligned blocks take the low 3 bits of offsets with 3+ extra bits from the aligned code.
        this.alignedMask = aligned ? -1 : 0;
        this.outStart = outStart;
        long buf = bits.markedBuffer();
        int pos = bits.pos;

        while (op < blockEnd) {
            if ((int) buf == 0) {
                // Fewer than 32 bits: two more words where the marker is. Past the fast limit
                // they come from the reader's copy of the last bytes (then zeros), by an array
                // load in a small method C2 inlines (around a real call it spills every value).
                long w = this.bits.twoWordsAt(in, pos, fastLimit);
                buf = LzxBitReader.withTwoWords(buf, w);
                pos += 4;
            }
            // Two main symbols fit in the 32 bits now buffered: up to two literals, and at most
            // one match symbol, per turn.
            int e = mainTable[(int) (buf >>> (64 - MAIN_TABLE_BITS))];
            if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
                e = mainTable[(e >>> 8) + (int) ((buf << MAIN_TABLE_BITS) >>> (64 - MAIN_SUBTABLE_BITS))]
                        + MAIN_TABLE_BITS;
            }
            buf <<= e; // by the codeword length: the low 6 bits of the entry
            if (e < LITERAL_ENTRY_LIMIT) {
                out[op++] = (byte) (e >>> 8);
                e = 0;
                if (op < blockEnd) {
                    e = mainTable[(int) (buf >>> (64 - MAIN_TABLE_BITS))];
                    if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
                        e = mainTable[(e >>> 8) + (int) ((buf << MAIN_TABLE_BITS) >>> (64 - MAIN_SUBTABLE_BITS))]
                                + MAIN_TABLE_BITS;
                    }
                    buf <<= e;
                    if (e < LITERAL_ENTRY_LIMIT) {
                        out[op++] = (byte) (e >>> 8);
                        e = 0;
                    }
                }
            }
            // Every path falls through to the one back edge.
            if (e != 0) {
                final int sym = (e >>> 8) - NUM_CHARS;
                if ((int) buf == 0) {
                    long w = this.bits.twoWordsAt(in, pos, fastLimit);
                    buf = LzxBitReader.withTwoWords(buf, w);
                    pos += 4;
                }
                int len = sym & 7;
                final int slot = sym >>> 3;
                if (len == NUM_PRIMARY_LENS) {
                    e = this.lengthTable[(int) (buf >>> (64 - LENGTH_TABLE_BITS))];
                    if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
                        e = this.lengthTable[(e >>> 8)
                                + (int) ((buf << LENGTH_TABLE_BITS) >>> (64 - LENGTH_SUBTABLE_BITS))] + LENGTH_TABLE_BITS;
                    }
                    buf <<= e;
                    len += e >>> 8;
                }
                len += MIN_MATCH_LEN;

                int offset;
                if (slot == 0) {
                    offset = r0;
                } else if (slot == 1) {
                    offset = r1;
                    r1 = r0;
                    r0 = offset;
                } else if (slot == 2) {
                    offset = r2;
                    r2 = r0;
                    r0 = offset;
                } else {
                    if ((int) buf == 0) {
                        long w = this.bits.twoWordsAt(in, pos, fastLimit);
                        buf = LzxBitReader.withTwoWords(buf, w);
                        pos += 4;
                    }
                    // At least 32 bits: enough for 17 extra bits, or 14 and an aligned codeword.
                    final int extra = EXTRA_BITS[slot];
                    offset = SLOT_BASE[slot] - OFFSET_ADJUSTMENT;
                    if ((extra & this.alignedMask) >= NUM_ALIGNED_OFFSET_BITS) {
                        final int verbatimBits = extra - NUM_ALIGNED_OFFSET_BITS;
                        offset += (int) ((buf >>> 32) >>> (32 - verbatimBits)) << NUM_ALIGNED_OFFSET_BITS;
                        buf <<= verbatimBits;
                        e = this.alignedTable[(int) (buf >>> (64 - MAX_ALIGNED_CODEWORD_LEN))];
                        buf <<= e;
                        offset += e >>> 8;
                    } else {
                        offset += (int) ((buf >>> 32) >>> (32 - extra));
                        buf <<= extra;
                    }
                    r2 = r1;
                    r1 = r0;
                    r0 = offset;
                }

                if (len > blockEnd - op) {
                    throw new CorruptChunkException("LZX match of " + len + " bytes runs past its block",
                            consumed(this.bits, pos, buf));
                }
                if (offset > op - this.outStart) {
                    throw new CorruptChunkException("LZX match offset " + offset
                            + " reaches before the chunk start", consumed(this.bits, pos, buf));
                }
                final int matchEnd = op + len;
                if (blockEnd - matchEnd >= 8) {
                    // Word copies, which may write up to 7 bytes past the match but not past the
                    // block. An offset under 8 first lays down 8 bytes one by one; from there the
                    // pattern repeats at a multiple of the offset that is 8 or more.
                    int step = offset;
                    int src = op - offset;
                    if (offset < 8) {
                        out[op] = out[src];
                        out[op + 1] = out[src + 1];
                        out[op + 2] = out[src + 2];
                        out[op + 3] = out[src + 3];
                        out[op + 4] = out[src + 4];
                        out[op + 5] = out[src + 5];
                        out[op + 6] = out[src + 6];
                        out[op + 7] = out[src + 7];
                        step = PATTERN_STEP[offset];
                        src = op + 8 - step;
                    }
                    // Stepping the source, not a counter, keeps C2 from unrolling this loop and
                    // running out of registers for the bit buffer.
                    while (src + step < matchEnd) {
                        LittleEndian.putLong(out, src + step, LittleEndian.getLong(out, src));
                        src += 8;
                    }
                    op = matchEnd;
                } else {
                    int src = op - offset;
                    do {
                        out[op++] = out[src++];
                    } while (op < matchEnd);
                }
            }
        }
        bits.setMarkedBuffer(buf, pos);
        return op;
    }

    /** Byte offset in the chunk of the next unread bit, from the symbol loop's marked buffer. */
    private static long consumed(LzxBitReader bits, int pos, long buf) {
        int bitsLeft = 63 - Long.numberOfTrailingZeros(buf);
        return Math.min(Math.max(0, (long) (pos - bits.start) * 8 - bitsLeft) >>> 3, bits.length);
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
