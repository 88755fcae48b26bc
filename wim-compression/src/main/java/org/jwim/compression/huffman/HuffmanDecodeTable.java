package org.jwim.compression.huffman;

import java.util.Arrays;
import java.util.Objects;

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
    /** Codewords of each length. */
    private final int[] count;
    /** Per length, where its next symbol goes in {@link #sorted}. */
    private final int[] offsets;
    /**
     * A bucket of {@code numSymbols} places per length ({@code len * numSymbols} on), holding
     * that length's symbols in increasing order: the canonical order.
     */
    private final char[] sorted;

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
        this.offsets = new int[maxLen + 1];
        this.sorted = new char[(maxLen + 1) * numSymbols];
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
     * <p>One pass over the lengths drops each used symbol into its length's bucket (sorting
     * and counting at once: a separate count pass cost as much as the sort). The table is then
     * filled one length at a time: the codewords of one length take equal spans one after the
     * other, so each length has a loop of its own with a fixed span and predictable branches
     * (1, 2 or 4 stores, 8 a turn, or {@code Arrays.fill} from 32 entries on) instead of an
     * {@code Arrays.fill} call per symbol.
     *
     * @return false if the lengths are over-subscribed or longer than {@code maxLen}: no prefix
     *         code has them
     */
    public boolean build(byte[] lens, int lensOff) {
        final int numSymbols = this.numSymbols;
        final int maxLen = this.maxLen;
        Objects.checkFromIndexSize(lensOff, numSymbols, lens.length);
        // One pass sorts and counts: each length has a bucket of numSymbols places in
        // sorted, filled in symbol order (the canonical order within a length).
        final int[] cursor = this.offsets;
        final char[] sorted = this.sorted;
        for (int len = 1; len <= maxLen; len++) {
            cursor[len] = len * numSymbols;
        }
        for (int s = 0; s < numSymbols; s++) {
            final int len = lens[lensOff + s];
            if (len != 0) {
                if (len < 0 || len > maxLen) {
                    return false;
                }
                sorted[cursor[len]++] = (char) s;
            }
        }
        final int[] count = this.count;
        long used = 0;
        for (int len = 1; len <= maxLen; len++) {
            final int n = cursor[len] - len * numSymbols;
            count[len] = n;
            used += (long) n << (maxLen - len);
        }
        final long full = 1L << maxLen;
        if (used > full) {
            return false;
        }
        final boolean complete = used == full;

        final int[] table = this.table;
        final int tableBits = this.tableBits;
        final int mainSize = 1 << tableBits;
        int p = 0;   // next main table entry
        for (int len = 1; len <= tableBits; len++) {
            final int span = 1 << (tableBits - len);
            int idx = len * numSymbols;
            final int stop = idx + count[len];
            if (span >= 16) {
                for (; idx < stop; idx++) {
                    Arrays.fill(table, p, p + span, (sorted[idx] << 8) | len);
                    p += span;
                }
            } else if (span >= 8) {
                for (; idx < stop; idx++) {
                    final int e = (sorted[idx] << 8) | len;
                    final int end = p + span;
                    for (; p < end; p += 8) {
                        table[p] = e;
                        table[p + 1] = e;
                        table[p + 2] = e;
                        table[p + 3] = e;
                        table[p + 4] = e;
                        table[p + 5] = e;
                        table[p + 6] = e;
                        table[p + 7] = e;
                    }
                }
            } else if (span == 4) {
                for (; idx < stop; idx++) {
                    final int e = (sorted[idx] << 8) | len;
                    table[p] = e;
                    table[p + 1] = e;
                    table[p + 2] = e;
                    table[p + 3] = e;
                    p += 4;
                }
            } else if (span == 2) {
                for (; idx < stop; idx++) {
                    final int e = (sorted[idx] << 8) | len;
                    table[p] = e;
                    table[p + 1] = e;
                    p += 2;
                }
            } else {
                for (; idx < stop; idx++) {
                    table[p++] = (sorted[idx] << 8) | len;
                }
            }
        }
        if (p == mainSize) {
            return true;
        }
        // Unused bit patterns (incomplete codes only): symbol 0, consuming the bits looked at.
        if (!complete) {
            Arrays.fill(table, p, mainSize, tableBits);
        }

        // Codewords longer than the main lookup: one subtable per prefix, in prefix order.
        final int subBits = maxLen - tableBits;
        int code = p << 1;
        int nextSubtable = mainSize;
        int currentPrefix = -1;
        int currentStart = 0;
        for (int len = tableBits + 1; len <= maxLen; len++) {
            final int extra = len - tableBits;
            int idx = len * numSymbols;
            for (int k = count[len]; k > 0; k--) {
                final int sym = sorted[idx++];
                final int prefix = code >>> extra;
                if (prefix != currentPrefix) {
                    currentPrefix = prefix;
                    currentStart = nextSubtable;
                    nextSubtable += 1 << subBits;
                    table[prefix] = (currentStart << 8) | SUBTABLE | subBits;
                    if (!complete) {
                        Arrays.fill(table, currentStart, nextSubtable, subBits);
                    }
                }
                final int first = currentStart + ((code & ((1 << extra) - 1)) << (maxLen - len));
                Arrays.fill(table, first, first + (1 << (maxLen - len)), (sym << 8) | extra);
                code++;
            }
            code <<= 1;
        }
        return true;
    }
}
