package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.MAX_PRE_CODEWORD_LEN;
import static org.jwim.compression.lzx.LzxConstants.PRECODE_ELEMENT_SIZE;
import static org.jwim.compression.lzx.LzxConstants.PRECODE_NUM_SYMBOLS;

import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.huffman.HuffmanDecodeTable;

/**
 * Reads one pretree-coded run of codeword lengths: 20 explicit 4-bit pretree lengths, then
 * pretree symbols. 0-16 give the new length as (previous - symbol) mod 17, 17 and 18 are runs of
 * 4-19 and 20-51 zeros, 19 is a run of 4-5 copies of one delta-coded length.
 *
 * <p>A run may reach up to {@link #MAX_OVERRUN} entries past the lengths asked for; like wimlib
 * the reader writes them (the caller's array has room) instead of refusing the block, so both
 * decode such streams alike.
 */
final class LzxCodeLengthReader {
    /** Longest overrun: a run of 51 zeros when one length was left. */
    static final int MAX_OVERRUN = 50;

    private static final int PRECODE_TABLE_BITS = 8;
    private static final int PRECODE_SUBTABLE_BITS = MAX_PRE_CODEWORD_LEN - PRECODE_TABLE_BITS;

    private final byte[] precodeLens = new byte[PRECODE_NUM_SYMBOLS];
    private final HuffmanDecodeTable precode =
            new HuffmanDecodeTable(PRECODE_NUM_SYMBOLS, PRECODE_TABLE_BITS, MAX_PRE_CODEWORD_LEN);

    /**
     * Updates {@code lens[from, from + count)} (which hold the previous block's lengths, or
     * zeros) with the lengths read from the stream.
     *
     * <p>Works on the reader's state in locals, in the marker form of the symbol loop (see
     * {@link LzxBitReader#markedBuffer}): with at least 32 bits buffered at the top of each
     * turn, a pretree symbol (at most 15 bits) and what follows it (at most 1 bit and another
     * symbol, or 5 bits) need no further refill.
     */
    void read(LzxBitReader bits, byte[] lens, int from, int count) throws CorruptChunkException {
        long buf = bits.markedBuffer();
        int pos = bits.pos;
        final byte[] precodeLens = this.precodeLens;
        for (int i = 0; i < PRECODE_NUM_SYMBOLS; i++) {
            if ((int) buf == 0) {
                buf = LzxBitReader.withTwoWords(buf, bits.wordsAt(pos));
                pos += 4;
            }
            precodeLens[i] = (byte) (buf >>> (64 - PRECODE_ELEMENT_SIZE));
            buf <<= PRECODE_ELEMENT_SIZE;
        }
        if (!precode.build(precodeLens, 0)) {
            bits.setMarkedBuffer(buf, pos);
            throw new CorruptChunkException("LZX pretree is over-subscribed", bits.offset());
        }
        final int[] table = precode.table;
        int i = from;
        final int stop = from + count;
        while (i < stop) {
            if ((int) buf == 0) {
                buf = LzxBitReader.withTwoWords(buf, bits.wordsAt(pos));
                pos += 4;
            }
            int e = symbol(table, buf);
            buf <<= e;
            final int sym = e >>> 8;
            if (sym < 17) {
                lens[i] = delta(lens[i], sym);
                i++;
                continue;
            }
            int run;
            byte len;
            if (sym == 17) {
                run = 4 + (int) (buf >>> 60);
                buf <<= 4;
                len = 0;
            } else if (sym == 18) {
                run = 20 + (int) (buf >>> 59);
                buf <<= 5;
                len = 0;
            } else {
                run = 4 + (int) (buf >>> 63);
                buf <<= 1;
                e = symbol(table, buf);
                buf <<= e;
                final int d = e >>> 8;
                // wimlib takes 17 here too (17 = "same as before"); 18 and 19 make no sense.
                if (d > 17) {
                    bits.setMarkedBuffer(buf, pos);
                    throw new CorruptChunkException("LZX pretree run of runs", bits.offset());
                }
                len = delta(lens[i], d);
            }
            for (int k = 0; k < run; k++) {
                lens[i++] = len;
            }
        }
        bits.setMarkedBuffer(buf, pos);
    }

    /** The pretree entry for the codeword on top of {@code buf}, its length the whole codeword's. */
    private static int symbol(int[] table, long buf) {
        int e = table[(int) (buf >>> (64 - PRECODE_TABLE_BITS))];
        if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
            e = table[(e >>> 8) + (int) ((buf << PRECODE_TABLE_BITS) >>> (64 - PRECODE_SUBTABLE_BITS))]
                    + PRECODE_TABLE_BITS;
        }
        return e;
    }

    private static byte delta(byte previous, int sym) {
        int len = previous - sym;
        return (byte) (len < 0 ? len + 17 : len);
    }
}
