package org.jwim.compression.huffman;

import java.util.Arrays;

/**
 * A lookup table for a canonical Huffman code whose codewords are read most significant bit
 * first, as XPRESS, LZX and LZMS all store them.
 *
 * <p>{@link #table} is indexed by the next {@code tableBits} bits of the stream. An entry is
 * either a symbol, {@code symbol << 8 | bitsToConsume}, or, for codewords longer than
 * {@code tableBits}, a link {@code subtableStart << 8 | SUBTABLE | subtableBits}: consume
 * {@code tableBits}, then look up {@code table[subtableStart + next subtableBits bits]}, an entry
 * whose bit count is what is left of the codeword. A decoder reads it as:
 *
 * <pre>{@code
 * int e = table[peek(TABLE_BITS)];
 * if ((e & SUBTABLE) != 0) { consume(TABLE_BITS); e = table[(e >>> 8) + peek(e & 0x7F)]; }
 * consume(e & 0xFF); int symbol = e >>> 8;
 * }</pre>
 *
 * <p>Over-subscribed length sets are refused. Incomplete codes are accepted (some encoders write
 * them): the unused bit patterns decode as symbol 0 and consume bits, so a decoder fed garbage
 * still moves forward and the blob's SHA-1 reports the damage.
 */
public final class HuffmanDecodeTable {
    /** Flag of a link entry. */
    public static final int SUBTABLE = 0x80;

    /** The entries; length {@link #tableSize}. */
    public final int[] table;

    private final int numSymbols;
    private final int tableBits;
    private final int maxLen;
    private final int subtableBits;
    private final int[] count;
    private final int[] offsets;
    private final int[] sorted;

    /**
     * @param numSymbols number of symbols of the alphabet
     * @param tableBits  bits resolved by the first lookup
     * @param maxLen     longest codeword length the format allows (at most 16)
     */
    public HuffmanDecodeTable(int numSymbols, int tableBits, int maxLen) {
        if (maxLen < 1 || maxLen > 16 || tableBits < 1 || tableBits > 16 || numSymbols < 1 || numSymbols > 65535) {
            throw new IllegalArgumentException("bad Huffman table geometry");
        }
        this.numSymbols = numSymbols;
        this.tableBits = Math.min(tableBits, maxLen);
        this.maxLen = maxLen;
        this.subtableBits = maxLen - this.tableBits;
        int size = tableSize(numSymbols, this.tableBits, maxLen);
        this.table = new int[size];
        this.count = new int[maxLen + 1];
        this.offsets = new int[maxLen + 2];
        this.sorted = new int[numSymbols];
    }

    /** Entries needed in the worst case: the main table plus one subtable per long codeword. */
    public static int tableSize(int numSymbols, int tableBits, int maxLen) {
        int bits = Math.min(tableBits, maxLen);
        int subtables = Math.min(numSymbols, 1 << bits);
        return (1 << bits) + (maxLen > bits ? subtables << (maxLen - bits) : 0);
    }

    /** Bits resolved by the first lookup. */
    public int tableBits() {
        return tableBits;
    }

    /**
     * Fills the table for the code with codeword lengths {@code lens[lensOff .. lensOff + numSymbols)}
     * (0 = symbol unused).
     *
     * @return false if the lengths are over-subscribed or longer than {@code maxLen}: no prefix
     *         code has them
     */
    public boolean build(byte[] lens, int lensOff) {
        final int[] count = this.count;
        Arrays.fill(count, 0);
        for (int s = 0; s < numSymbols; s++) {
            int len = lens[lensOff + s];
            if (len < 0 || len > maxLen) {
                return false;
            }
            count[len]++;
        }
        int left = 1;
        for (int len = 1; len <= maxLen; len++) {
            left = (left << 1) - count[len];
            if (left < 0) {
                return false;
            }
        }
        final int[] table = this.table;
        final int tableBits = this.tableBits;
        final int mainSize = 1 << tableBits;
        final boolean complete = left == 0;
        if (!complete) {
            Arrays.fill(table, 0, mainSize, tableBits);
        }

        final int[] offsets = this.offsets;
        offsets[1] = 0;
        for (int len = 1; len <= maxLen; len++) {
            offsets[len + 1] = offsets[len] + count[len];
        }
        final int[] sorted = this.sorted;
        for (int s = 0; s < numSymbols; s++) {
            int len = lens[lensOff + s];
            if (len != 0) {
                sorted[offsets[len]++] = s;
            }
        }

        int code = 0;
        int idx = 0;
        int nextSubtable = mainSize;
        int currentPrefix = -1;
        int currentStart = 0;
        for (int len = 1; len <= maxLen; len++) {
            for (int k = count[len]; k > 0; k--) {
                int sym = sorted[idx++];
                if (len <= tableBits) {
                    int first = code << (tableBits - len);
                    Arrays.fill(table, first, first + (1 << (tableBits - len)), (sym << 8) | len);
                } else {
                    int extra = len - tableBits;
                    int prefix = code >>> extra;
                    if (prefix != currentPrefix) {
                        currentPrefix = prefix;
                        currentStart = nextSubtable;
                        nextSubtable += 1 << subtableBits;
                        table[prefix] = (currentStart << 8) | SUBTABLE | subtableBits;
                        if (!complete) {
                            Arrays.fill(table, currentStart, nextSubtable, subtableBits);
                        }
                    }
                    int rest = code & ((1 << extra) - 1);
                    int first = currentStart + (rest << (maxLen - len));
                    Arrays.fill(table, first, first + (1 << (maxLen - len)), (sym << 8) | extra);
                }
                code++;
            }
            code <<= 1;
        }
        return true;
    }
}
