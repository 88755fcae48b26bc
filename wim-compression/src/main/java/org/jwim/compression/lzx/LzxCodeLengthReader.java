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

    private final byte[] precodeLens = new byte[PRECODE_NUM_SYMBOLS];
    private final HuffmanDecodeTable precode =
            new HuffmanDecodeTable(PRECODE_NUM_SYMBOLS, PRECODE_TABLE_BITS, MAX_PRE_CODEWORD_LEN);

    /**
     * Updates {@code lens[from, from + count)} (which hold the previous block's lengths, or
     * zeros) with the lengths read from the stream.
     */
    void read(LzxBitReader bits, byte[] lens, int from, int count) throws CorruptChunkException {
        for (int i = 0; i < PRECODE_NUM_SYMBOLS; i++) {
            precodeLens[i] = (byte) bits.bits(PRECODE_ELEMENT_SIZE);
        }
        if (!precode.build(precodeLens, 0)) {
            throw new CorruptChunkException("LZX pretree is over-subscribed", bits.offset());
        }
        final int[] table = precode.table;
        final int tableBits = precode.tableBits();
        int i = from;
        final int stop = from + count;
        while (i < stop) {
            int sym = bits.symbol(table, tableBits);
            if (sym < 17) {
                lens[i] = delta(lens[i], sym);
                i++;
                continue;
            }
            int run;
            byte len;
            if (sym == 17) {
                run = 4 + bits.bits(4);
                len = 0;
            } else if (sym == 18) {
                run = 20 + bits.bits(5);
                len = 0;
            } else {
                run = 4 + bits.bits(1);
                int d = bits.symbol(table, tableBits);
                // wimlib takes 17 here too (17 = "same as before"); 18 and 19 make no sense.
                if (d > 17) {
                    throw new CorruptChunkException("LZX pretree run of runs", bits.offset());
                }
                len = delta(lens[i], d);
            }
            for (int k = 0; k < run; k++) {
                lens[i++] = len;
            }
        }
    }

    private static byte delta(byte previous, int sym) {
        int len = previous - sym;
        return (byte) (len < 0 ? len + 17 : len);
    }
}
