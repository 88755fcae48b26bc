package org.jwim.compression.xpress;

import java.util.Objects;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;
import org.jwim.compression.huffman.HuffmanDecodeTable;

/**
 * Decodes XPRESS Huffman chunks ([MS-XCA] "LZ77+Huffman") as WIM stores them.
 *
 * <h2>Format</h2>
 * A chunk of at most 64 KiB is one block: 256 bytes holding the 4-bit codeword lengths of 512
 * symbols (low nibble first), then one bit stream of 16-bit little-endian words read most
 * significant bit first. Symbols 0-255 are literals; symbol {@code 256 + (k << 4 | lenHdr)} is a
 * match: its length is {@code lenHdr + 3}, or for {@code lenHdr == 15} a raw byte {@code b}
 * gives {@code b + 18}, or for {@code b == 255} a raw little-endian u16 {@code v} gives
 * {@code v + 3}; its offset is {@code 2^k} plus the next {@code k} bits. The raw length bytes sit
 * in the byte stream right after the words the format's reader has loaded at that point: the
 * reader loads one word whenever it holds fewer than 16 bits (15 before a symbol, 16 after a
 * match symbol). Decoding stops when the output is full; the end-of-data symbol 256 that
 * Microsoft's tools expect after the last item is neither required nor read.
 *
 * <h2>What is checked</h2>
 * Any input either decodes to exactly {@code outLen} bytes or throws
 * {@link CorruptChunkException} with the offset in the chunk where it went wrong: a chunk
 * shorter than its code length table, an over-subscribed code or one with no codeword at all, a
 * match reaching before the start of the chunk or past the end of the output (wimlib refuses
 * both too), raw length bytes past the end of the input, or bits consumed past the end of the
 * input. Where wimlib reads missing input as zero bits, this decoder refuses the chunk. Incomplete
 * codes are accepted (wimlib refuses them); their unused bit patterns decode as literal 0.
 *
 * <h2>Speed</h2>
 * About 0.9x the speed of libwim's own decoder on PE, text and x86 chunks and faster on long
 * matches (measured on wimlib-made chunks with a warm JIT, in one process with libwim). What
 * matters, found by measuring and by reading C2's code:
 * <ul>
 * <li>One loop in one method, locals only; state needed only on rare paths (input bounds, zero
 *     words read past the end) lives in fields so C2 has registers for the hot values.</li>
 * <li>Bits are held in a 64-bit buffer, next bit on top, with a 1 marker bit below the valid
 *     bits instead of a bit count: fewer than 32 bits left is {@code (int) buf == 0}, and
 *     consuming bits is one shift. It is refilled with one 32-bit load (two words, order fixed
 *     by a rotate) when under 32 bits, enough for a symbol and its offset bits; a word-by-word
 *     path takes over in the last bytes.</li>
 * <li>That buffer runs ahead of the format's reader, so at a raw length byte the words it holds
 *     beyond the reader's 16 to 31 bits (their number follows from the count modulo 16) are
 *     handed back and the byte is read where they started.</li>
 * <li>Symbols come from a {@link HuffmanDecodeTable} of {@value #TABLE_BITS} bits, as in wimlib
 *     (10 was 3% faster on the chunk fixtures but 3% slower on whole test WIMs; 9 sends too many
 *     PE codewords to the subtables); literals are told from matches by the entry alone. After a literal,
 *     a second item is decoded without a refill check when 31 bits are left.</li>
 * <li>Matches of offset 8 or more copy two 8-byte words unconditionally when the output has 16
 *     bytes of room, then loop; runs (offset 1) and offsets 2 to 7 also copy whole words; byte
 *     loops only at the end of the output. The word loops step by a field so C2 does not unroll
 *     them (unrolled, they cost the literal path its registers on data with long matches).</li>
 * <li>Every path of the loop body falls through to a single back edge.</li>
 * </ul>
 */
public final class XpressDecompressor implements ChunkDecompressor {
    /** Symbols of the one Huffman code: 256 literals, then 256 match headers. */
    static final int NUM_SYMBOLS = 512;
    /** Literal symbols. */
    static final int NUM_CHARS = 256;
    /** Bytes of the code length table at the start of the chunk (two 4-bit lengths a byte). */
    static final int LENS_TABLE_SIZE = NUM_SYMBOLS / 2;
    /** Longest codeword. */
    static final int MAX_CODEWORD_LEN = 15;
    /** Shortest match. */
    static final int MIN_MATCH_LEN = 3;
    /** Largest chunk the format allows (offsets reach back 65535 bytes). */
    static final int MAX_CHUNK_SIZE = 1 << 16;

    /** Bits resolved by the first table lookup. */
    static final int TABLE_BITS = 11;
    private static final int SUBTABLE_BITS = MAX_CODEWORD_LEN - TABLE_BITS;
    /** Table entries below this are literals: {@code symbol << 8 | length} with symbol < 256. */
    private static final int LITERAL_ENTRY_LIMIT = NUM_CHARS << 8;

    private final int maxChunkSize;
    private final byte[] lens = new byte[NUM_SYMBOLS];
    private final HuffmanDecodeTable code = new HuffmanDecodeTable(NUM_SYMBOLS, TABLE_BITS, MAX_CODEWORD_LEN);
    // The current chunk's input and the reader's rarely used state: fields keep them out of
    // the registers the hot loop needs.
    private int inStart;
    private int inEnd;
    /**
     * Always 8, the step of the word-copy loops. Not a constant on purpose: with a constant
     * step C2 unrolls those loops, and on data with many long matches the unrolled copies took
     * the registers of the literal path (PE chunks decoded about 30% slower after such a warm-up).
     */
    private final int wordStride;
    /** Zero words the bit reader has taken from past the end of the input. */
    private int virtualWords;

    /**
     * @param maxChunkSize largest chunk this instance decodes, 1 to 65536
     * @throws IllegalArgumentException if XPRESS cannot have such chunks
     */
    public XpressDecompressor(int maxChunkSize) {
        if (maxChunkSize <= 0 || maxChunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("XPRESS chunks are 1 to 65536 bytes, not " + maxChunkSize);
        }
        this.maxChunkSize = maxChunkSize;
        this.wordStride = Long.BYTES;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        if (outLen < 0 || outLen > maxChunkSize) {
            throw new CorruptChunkException("output size " + outLen + " is not 0 to " + maxChunkSize, 0);
        }
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if (outLen == 0) {
            return;
        }
        if (inLen < LENS_TABLE_SIZE) {
            throw new CorruptChunkException("chunk ends inside its code length table", inLen);
        }
        readCode(in, inOff);
        inStart = inOff;
        inEnd = inOff + inLen;
        virtualWords = 0;
        decodeItems(in, out, outOff, outLen);
    }

    /** Builds the decode table from the 512 4-bit codeword lengths at the start of the chunk. */
    private void readCode(byte[] in, int inOff) throws CorruptChunkException {
        final byte[] lens = this.lens;
        int used = 0;
        for (int i = 0; i < LENS_TABLE_SIZE; i++) {
            int b = in[inOff + i];
            lens[2 * i] = (byte) (b & 0xF);
            lens[2 * i + 1] = (byte) ((b >>> 4) & 0xF);
            used |= b;
        }
        if ((used & 0xFF) == 0) {
            // Nothing can be coded with no codewords; wimlib would read such a chunk as all zeros.
            throw new CorruptChunkException("the Huffman code has no codewords", 0);
        }
        if (!code.build(lens, 0)) {
            throw new CorruptChunkException("the Huffman codeword lengths are over-subscribed", 0);
        }
    }

    /**
     * Decodes the bit stream after the length table until {@code outLen} bytes are out. One
     * method so the JIT compiles the whole loop with everything in registers.
     *
     * <p>The bit buffer {@code buf} holds the unconsumed bits from bit 63 down, then a 1 marker
     * bit, then zeros: its count needs no register, and fewer than 32 bits means the low 32
     * bits are zero.
     */
    private void decodeItems(byte[] in, byte[] out, int outOff, int outLen) throws CorruptChunkException {
        final int[] table = code.table;
        final int fastInEnd = inEnd - 4;  // two words can be loaded at once before this
        final int outEnd = outOff + outLen;
        int ip = inStart + LENS_TABLE_SIZE; // where the next 16-bit word is loaded from
        long buf = 1L << 63;                // no bits yet, only the marker
        int op = outOff;

        while (op < outEnd) {
            if ((int) buf == 0) {
                int tz = Long.numberOfTrailingZeros(buf);
                if (ip <= fastInEnd) {
                    // Two words in one load: the rotate puts the first word on top. They go
                    // where the marker was, and the marker below them.
                    long w = Integer.rotateLeft(LittleEndian.getInt(in, ip), 16) & 0xFFFFFFFFL;
                    buf = (buf & (buf - 1)) | (((w << 1) | 1) << (tz - 32));
                    ip += 4;
                } else {
                    int count = 63 - tz;
                    if (count < virtualWords << 4) {
                        throw endsEarly();
                    }
                    // The last word or two, then zero words: a well-formed stream never consumes
                    // them, but the reader may have to look at them.
                    buf &= buf - 1;
                    while (count < 48) {
                        long word;
                        if (ip <= fastInEnd + 2) {
                            word = LittleEndian.getU16(in, ip);
                        } else {
                            word = 0;
                            virtualWords++;
                        }
                        buf |= word << (48 - count);
                        ip += 2;
                        count += 16;
                    }
                    buf |= 1L << (63 - count);
                }
            }

            int e = entry(table, buf);
            buf <<= e; // the shift uses the low 6 bits of the entry: the codeword length
            if (e < LITERAL_ENTRY_LIMIT) {
                out[op++] = (byte) (e >>> 8);
                e = 0;
                // With 31 bits left, a second item needs no refill.
                if ((buf << 31) != 0 && op != outEnd) {
                    e = entry(table, buf);
                    buf <<= e;
                    if (e < LITERAL_ENTRY_LIMIT) {
                        out[op++] = (byte) (e >>> 8);
                    }
                }
            }
            // Every path falls through to one back edge: with several (continue), C2 split the
            // loop and reloaded array lengths on the literal path.
            if (e >= LITERAL_ENTRY_LIMIT) {
                // A match symbol, with at least 16 bits left in buf.
                int sym = e >>> 8;
                int lenHdr = sym & 0xF;
                int k = (sym >>> 4) & 0xF;
                int length;
                if (lenHdr != 0xF) {
                    length = lenHdr + MIN_MATCH_LEN;
                } else {
                    // The format's reader holds 16 to 31 bits here, as many as buf modulo 16; the
                    // words buf holds beyond those really are where the raw length bytes are.
                    int count = 63 - Long.numberOfTrailingZeros(buf);
                    int keep = 16 + (count & 15);
                    buf = (buf & (-1L << (64 - keep))) | (1L << (63 - keep));
                    long r = readRawLength(in, ip - 2 * ((count - keep) >>> 4), count);
                    ip = (int) (r >>> 32);
                    length = (int) r;
                }
                // The k offset bits under a leading 1: 2^k plus their value.
                int offset = (int) (((buf >>> 1) | Long.MIN_VALUE) >>> (63 - k));
                buf <<= k;

                final int end = op + length;
                if (offset >= 8 && end <= outEnd - 16 && offset <= op - outOff) {
                    // The common case: two words cover most matches; they may overshoot the match
                    // by up to 13 bytes, which later items overwrite.
                    int src = op - offset;
                    LittleEndian.putLong(out, op, LittleEndian.getLong(out, src));
                    LittleEndian.putLong(out, op + 8, LittleEndian.getLong(out, src + 8));
                    if (length > 16) {
                        op += 16;
                        src += 16;
                        final int step = wordStride;
                        do {
                            LittleEndian.putLong(out, op, LittleEndian.getLong(out, src));
                            src += step;
                            op += step;
                        } while (op < end);
                    }
                    op = end;
                } else {
                    if (offset > op - outOff || length > outEnd - op) {
                        throw badMatch(offset, length, op - outOff, outEnd - op, ip, buf);
                    }
                    op = copyMatch(out, op, offset, end, outEnd, wordStride);
                }
            }
        }
        if (63 - Long.numberOfTrailingZeros(buf) < virtualWords << 4) {
            throw endsEarly();
        }
    }

    /**
     * Reads the raw length byte (and u16) of a long match at {@code p}, where the format's reader
     * is, after handing back the words read ahead; {@code count} bits were in the buffer.
     * Returns the position after them in the high half and the match length in the low half.
     */
    private long readRawLength(byte[] in, int p, int count) throws CorruptChunkException {
        if (count < virtualWords << 4) {
            throw endsEarly();
        }
        // Zero words read past the end are among those handed back.
        virtualWords = Math.max(0, virtualWords - (count - 16 - (count & 15)) / 16);
        if (p >= inEnd) {
            throw new CorruptChunkException("match length byte past the end of the chunk", inEnd - inStart);
        }
        int b = in[p++] & 0xFF;
        int length;
        if (b != 0xFF) {
            length = b + 0xF + MIN_MATCH_LEN;
        } else {
            if (p > inEnd - 2) {
                throw new CorruptChunkException("match length past the end of the chunk", inEnd - inStart);
            }
            length = LittleEndian.getU16(in, p) + MIN_MATCH_LEN;
            p += 2;
        }
        return (long) p << 32 | length;
    }

    private CorruptChunkException endsEarly() {
        return new CorruptChunkException("bit stream ends early", inEnd - inStart);
    }

    /**
     * Copies a match that is short-range (offset below 8) or ends in the last 8 bytes of the
     * output; returns {@code end}.
     */
    private static int copyMatch(byte[] out, int op, int offset, int end, int outEnd, int step) {
        // Whole words stop 8 bytes before the end of the output.
        final int wordEnd = Math.min(end, outEnd - 8);
        if (offset >= 8) {
            int src = op - offset;
            while (op < wordEnd) {
                LittleEndian.putLong(out, op, LittleEndian.getLong(out, src));
                src += step;
                op += step;
            }
        } else if (offset == 1) {
            long run = (out[op - 1] & 0xFFL) * 0x0101010101010101L;
            while (op < wordEnd) {
                LittleEndian.putLong(out, op, run);
                op += step;
            }
        } else {
            // Offsets 2 to 7: once a few bytes are out, the same periodic data lies a multiple
            // of the offset of at least 8 back, far enough for word copies.
            int period = offset * ((offset + 7) / offset);
            int lead = Math.min(end, op + period - offset);
            while (op < lead) {
                out[op] = out[op - offset];
                op++;
            }
            int src = op - period;
            while (op < wordEnd) {
                LittleEndian.putLong(out, op, LittleEndian.getLong(out, src));
                src += step;
                op += step;
            }
        }
        // The last bytes of the output.
        while (op < end) {
            out[op] = out[op - offset];
            op++;
        }
        return end;
    }

    /**
     * The table entry for the codeword at the top of {@code buf}, {@code symbol << 8 | length};
     * for a codeword longer than the first lookup, the length is the whole codeword's.
     */
    private static int entry(int[] table, long buf) {
        int e = table[(int) (buf >>> (64 - TABLE_BITS))];
        if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
            e = table[(e >>> 8) + (int) ((buf << TABLE_BITS) >>> (64 - SUBTABLE_BITS))] + TABLE_BITS;
        }
        return e;
    }

    /** Why a match cannot be copied, and about where in the chunk its bits were. */
    private CorruptChunkException badMatch(int offset, int length, int done, int room, int ip, long buf) {
        int cnt = 63 - Long.numberOfTrailingZeros(buf);
        if (cnt < virtualWords << 4) {
            // Its bits were not all in the input.
            return endsEarly();
        }
        long at = Math.min(inEnd - inStart, Math.max(0, ip - inStart - (cnt >>> 3)));
        if (offset > done) {
            return new CorruptChunkException("match offset " + offset + " reaches before the start of the chunk", at);
        }
        return new CorruptChunkException("match of length " + length + " runs " + (length - room)
                + " bytes past the end of the chunk", at);
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
