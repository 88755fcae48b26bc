package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.PRECODE_ELEMENT_SIZE;
import static org.jwim.compression.lzx.LzxConstants.PRECODE_NUM_SYMBOLS;

import org.jwim.compression.huffman.HuffmanCodeBuilder;

/**
 * Writes one pretree-coded run of codeword lengths, the inverse of {@link LzxCodeLengthReader}:
 * each length as its difference from the previous block's ((previous - new) mod 17, symbols
 * 0-16), runs of 4-19 and 20-51 zeros as symbols 17 and 18, and runs of 4-5 equal nonzero
 * lengths as symbol 19 followed by the difference symbol of the run's first entry (the decoder
 * gives the whole run that one length).
 *
 * <p>The pretree is a Huffman code built over the symbols the run uses, its 20 lengths written
 * first as 4-bit fields. Its codewords are kept to 7 bits, like wimlib's, so an item (symbol 19,
 * its extra bit and a difference symbol) takes at most 15 bits.
 */
final class LzxCodeLengthWriter {
    private static final int PRECODE_CODEWORD_LIMIT = 7;

    /** Pretree items: symbol, then extra bits from bit 5; for symbol 19 the difference symbol from bit 6. */
    private final int[] items;
    private final int[] freqs = new int[PRECODE_NUM_SYMBOLS];
    private final byte[] precodeLens = new byte[PRECODE_NUM_SYMBOLS];
    private final int[] precodeCodewords = new int[PRECODE_NUM_SYMBOLS];
    private final HuffmanCodeBuilder builder = new HuffmanCodeBuilder(PRECODE_NUM_SYMBOLS, PRECODE_CODEWORD_LIMIT);

    /** A writer for runs of up to {@code maxLengths} lengths. */
    LzxCodeLengthWriter(int maxLengths) {
        this.items = new int[maxLengths];
    }

    /** Writes {@code lens[from, from + count)} as changes from {@code prev[from, from + count)}. */
    void write(LzxBitOutput out, byte[] lens, byte[] prev, int from, int count) {
        int n = computeItems(lens, prev, from, count);
        builder.build(PRECODE_NUM_SYMBOLS, freqs, precodeLens, precodeCodewords);
        for (int s = 0; s < PRECODE_NUM_SYMBOLS; s++) {
            out.add(precodeLens[s], PRECODE_ELEMENT_SIZE);
            if ((s & 7) == 7) {
                out.flush();
            }
        }
        out.flush();
        for (int k = 0; k < n; k++) {
            int item = items[k];
            int sym = item & 0x1F;
            out.add(precodeCodewords[sym], precodeLens[sym]);
            if (sym == 17) {
                out.add(item >>> 5, 4);
            } else if (sym == 18) {
                out.add(item >>> 5, 5);
            } else if (sym == 19) {
                out.add((item >>> 5) & 1, 1);
                int d = item >>> 6;
                out.add(precodeCodewords[d], precodeLens[d]);
            }
            out.flush();
        }
    }

    /** Fills {@link #items} and {@link #freqs}; returns the item count. */
    private int computeItems(byte[] lens, byte[] prev, int from, int count) {
        final int[] items = this.items;
        final int[] freqs = this.freqs;
        java.util.Arrays.fill(freqs, 0);
        int n = 0;
        int i = from;
        final int end = from + count;
        while (i < end) {
            final byte len = lens[i];
            int runEnd = i + 1;
            while (runEnd < end && lens[runEnd] == len) {
                runEnd++;
            }
            if (len == 0) {
                while (runEnd - i >= 20) {
                    int run = Math.min(runEnd - i, 51);
                    items[n++] = 18 | (run - 20) << 5;
                    freqs[18]++;
                    i += run;
                }
                if (runEnd - i >= 4) {
                    int run = runEnd - i;
                    items[n++] = 17 | (run - 4) << 5;
                    freqs[17]++;
                    i += run;
                }
            } else {
                while (runEnd - i >= 4) {
                    int run = Math.min(runEnd - i, 5);
                    int d = difference(prev[i], len);
                    items[n++] = 19 | (run - 4) << 5 | d << 6;
                    freqs[19]++;
                    freqs[d]++;
                    i += run;
                }
            }
            for (; i < runEnd; i++) {
                int d = difference(prev[i], len);
                items[n++] = d;
                freqs[d]++;
            }
        }
        return n;
    }

    private static int difference(byte previous, byte len) {
        int d = previous - len;
        return d < 0 ? d + 17 : d;
    }
}
