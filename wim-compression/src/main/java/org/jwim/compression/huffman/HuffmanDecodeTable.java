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
    /** Four length histograms (symbols modulo 4). */
    private final int[] count;
    /** Per length, where its next symbol goes in {@link #sorted}. */
    private final int[] offsets;
    /** The used symbols in canonical order. */
    private final int[] sorted;
    /** Slots of each histogram: lengths are masked by {@link #LEN_MASK}. */
    private static final int COUNT_SLOTS = 32;
    private static final int LEN_MASK = COUNT_SLOTS - 1;

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
        this.count = new int[4 * COUNT_SLOTS];
        this.offsets = new int[maxLen + 1];
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
     * <p>The symbols are sorted by length (then by symbol, the canonical order) and the table is
     * filled one length at a time: the codewords of one length take equal spans one after the
     * other, so each length has a loop of its own with a fixed span and predictable branches;
     * spans of 8 and more are stored 8 entries a turn (C2 makes vector stores of those).
     *
     * @return false if the lengths are over-subscribed or longer than {@code maxLen}: no prefix
     *         code has them
     */
    public boolean build(byte[] lens, int lensOff) {
        final int numSymbols = this.numSymbols;
        final int maxLen = this.maxLen;
        Objects.checkFromIndexSize(lensOff, numSymbols, lens.length);
        // Four histograms, one per symbol modulo 4, so that runs of one length do not make one
        // long chain of increments through memory. Lengths are masked to the histogram; any
        // that the mask changed shows in the OR of them all.
        final int[] count = this.count;
        Arrays.fill(count, 0);
        int all = 0;
        int s = 0;
        for (; s + 3 < numSymbols; s += 4) {
            int a = lens[lensOff + s];
            int b = lens[lensOff + s + 1];
            int c = lens[lensOff + s + 2];
            int d = lens[lensOff + s + 3];
            all |= a | b | c | d;
            count[a & LEN_MASK]++;
            count[COUNT_SLOTS + (b & LEN_MASK)]++;
            count[2 * COUNT_SLOTS + (c & LEN_MASK)]++;
            count[3 * COUNT_SLOTS + (d & LEN_MASK)]++;
        }
        for (; s < numSymbols; s++) {
            int a = lens[lensOff + s];
            all |= a;
            count[a & LEN_MASK]++;
        }
        if ((all & ~LEN_MASK) != 0) {
            return false;
        }
        long used = 0;
        int numUsed = 0;
        for (int len = 1; len < COUNT_SLOTS; len++) {
            int n = count[len] + count[COUNT_SLOTS + len] + count[2 * COUNT_SLOTS + len] + count[3 * COUNT_SLOTS + len];
            if (n != 0) {
                if (len > maxLen) {
                    return false;
                }
                count[len] = n;
                numUsed += n;
                used += (long) n << (maxLen - len);
            }
        }
        final long full = 1L << maxLen;
        if (used > full) {
            return false;
        }
        final boolean complete = used == full;

        // Sort the used symbols by length (canonical order).
        final int[] offsets = this.offsets;
        final int[] sorted = this.sorted;
        offsets[1] = 0;
        for (int len = 1; len < maxLen; len++) {
            offsets[len + 1] = offsets[len] + count[len];
        }
        for (s = 0; s < numSymbols; s++) {
            int len = lens[lensOff + s];
            if (len != 0) {
                sorted[offsets[len]++] = s;
            }
        }

        final int[] table = this.table;
        final int tableBits = this.tableBits;
        final int mainSize = 1 << tableBits;
        int p = 0;   // next main table entry
        int idx = 0; // next sorted symbol
        for (int len = 1; len <= tableBits; len++) {
            final int span = 1 << (tableBits - len);
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
        if (idx == numUsed) {
            return true;
        }

        // Codewords longer than the main lookup: one subtable per prefix, in prefix order.
        final int subBits = maxLen - tableBits;
        int code = p << 1;
        int nextSubtable = mainSize;
        int currentPrefix = -1;
        int currentStart = 0;
        for (int len = tableBits + 1; len <= maxLen; len++) {
            final int extra = len - tableBits;
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
