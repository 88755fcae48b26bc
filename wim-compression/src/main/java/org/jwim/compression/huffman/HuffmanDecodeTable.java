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
    /**
     * Per length, where its next symbol goes in {@link #sorted}; the bucket after
     * {@code maxLen} takes the symbols whose length is out of range.
     */
    private final int[] cursor;
    /**
     * A bucket of {@code numSymbols} places per length ({@code len * numSymbols} on), holding
     * that length's symbols in increasing order: the canonical order. Bucket 0 takes the unused
     * symbols and the last one the invalid lengths, so that bucketing needs no branch.
     */
    private final char[] sorted;
    /** Subtable filling state, between the lengths {@link #fillSubtableLength} handles. */
    private int code;
    private int nextSubtable;
    private int currentPrefix;
    private int currentStart;

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
        this.cursor = new int[maxLen + 2];
        this.sorted = new char[(maxLen + 2) * numSymbols];
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
     * <p>One pass over the lengths drops each symbol into its length's bucket (sorting and
     * counting at once: a separate count pass cost as much as the sort). The table is then
     * filled one length at a time: the codewords of one length take equal spans one after the
     * other, so each length has a loop of its own with a fixed span and predictable branches
     * (1, 2 or 4 stores, 8 a turn, or {@code Arrays.fill} from 32 entries on) instead of an
     * {@code Arrays.fill} call per symbol.
     *
     * <p>Each step is a small method with one loop and no branch that only some codes take:
     * decoders call this thousands of times from the start of a run, and a fresh JVM then
     * compiles small methods quickly and once, where one large method was compiled several
     * times (on-stack replacement at each of its loops, then again after a branch first taken
     * by a later code threw the compiled code away).
     *
     * @return false if the lengths are over-subscribed or longer than {@code maxLen}: no prefix
     *         code has them
     */
    public boolean build(byte[] lens, int lensOff) {
        Objects.checkFromIndexSize(lensOff, numSymbols, lens.length);
        startBuckets();
        bucketSymbols(lens, lensOff);
        long used = countLengths();
        final long full = 1L << maxLen;
        if (used < 0 || used > full) {
            return false;
        }
        final int mainSize = 1 << tableBits;
        int p = 0;
        for (int len = 1; len <= tableBits; len++) {
            p = fillLength(len, p);
        }
        if (p != mainSize) {
            fillSubtables(p, used == full);
        }
        return true;
    }

    private void startBuckets() {
        final int[] cursor = this.cursor;
        final int n = numSymbols;
        for (int len = 0; len <= maxLen + 1; len++) {
            cursor[len] = len * n;
        }
    }

    /** Puts each symbol in its length's bucket (lengths out of range in the last one). */
    private void bucketSymbols(byte[] lens, int lensOff) {
        final int[] cursor = this.cursor;
        final char[] sorted = this.sorted;
        final int invalid = maxLen + 1;
        for (int s = 0, n = numSymbols; s < n; s++) {
            sorted[cursor[Math.min(lens[lensOff + s] & 0xFF, invalid)]++] = (char) s;
        }
    }

    /**
     * Counts the codewords of each length into {@link #count}: returns their share of the code
     * space in units of {@code 2^-maxLen}, or -1 if a length is out of range.
     */
    private long countLengths() {
        final int[] cursor = this.cursor;
        final int[] count = this.count;
        final int n = numSymbols;
        final int max = maxLen;
        long used = 0;
        for (int len = 1; len <= max; len++) {
            final int c = cursor[len] - len * n;
            count[len] = c;
            used += (long) c << (max - len);
        }
        return cursor[max + 1] == (max + 1) * n ? used : -1;
    }

    /** Fills the main table entries of the codewords of length {@code len} from {@code p}: returns the next entry. */
    private int fillLength(int len, int p) {
        final int span = 1 << (tableBits - len);
        final int idx = len * numSymbols;
        final int stop = idx + count[len];
        if (span >= 16) {
            return fillWide(len, p, idx, stop, span);
        } else if (span >= 8) {
            return fill8s(len, p, idx, stop, span);
        } else if (span == 4) {
            return fill4(len, p, idx, stop);
        } else if (span == 2) {
            return fill2(len, p, idx, stop);
        }
        return fill1(len, p, idx, stop);
    }

    private int fillWide(int len, int p, int idx, int stop, int span) {
        final int[] table = this.table;
        final char[] sorted = this.sorted;
        for (; idx < stop; idx++) {
            Arrays.fill(table, p, p + span, (sorted[idx] << 8) | len);
            p += span;
        }
        return p;
    }

    private int fill8s(int len, int p, int idx, int stop, int span) {
        final int[] table = this.table;
        final char[] sorted = this.sorted;
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
        return p;
    }

    private int fill4(int len, int p, int idx, int stop) {
        final int[] table = this.table;
        final char[] sorted = this.sorted;
        for (; idx < stop; idx++) {
            final int e = (sorted[idx] << 8) | len;
            table[p] = e;
            table[p + 1] = e;
            table[p + 2] = e;
            table[p + 3] = e;
            p += 4;
        }
        return p;
    }

    private int fill2(int len, int p, int idx, int stop) {
        final int[] table = this.table;
        final char[] sorted = this.sorted;
        for (; idx < stop; idx++) {
            final int e = (sorted[idx] << 8) | len;
            table[p] = e;
            table[p + 1] = e;
            p += 2;
        }
        return p;
    }

    private int fill1(int len, int p, int idx, int stop) {
        final int[] table = this.table;
        final char[] sorted = this.sorted;
        for (; idx < stop; idx++) {
            table[p++] = (sorted[idx] << 8) | len;
        }
        return p;
    }

    /**
     * Codewords longer than the main lookup, the main table filled up to {@code p}: one subtable
     * per prefix, in prefix order. Unused bit patterns (incomplete codes only) decode as symbol
     * 0, consuming the bits looked at.
     */
    private void fillSubtables(int p, boolean complete) {
        final int mainSize = 1 << tableBits;
        if (!complete) {
            Arrays.fill(table, p, mainSize, tableBits);
        }
        code = p << 1;
        nextSubtable = mainSize;
        currentPrefix = -1;
        currentStart = 0;
        for (int len = tableBits + 1; len <= maxLen; len++) {
            fillSubtableLength(len, complete);
            code <<= 1;
        }
    }

    /** The subtable entries of the codewords of length {@code len} (state in the fields). */
    private void fillSubtableLength(int len, boolean complete) {
        final int[] table = this.table;
        final char[] sorted = this.sorted;
        final int subBits = maxLen - tableBits;
        final int extra = len - tableBits;
        final int entries = 1 << (maxLen - len);
        int code = this.code;
        int currentPrefix = this.currentPrefix;
        int currentStart = this.currentStart;
        int nextSubtable = this.nextSubtable;
        int idx = len * numSymbols;
        for (int stop = idx + count[len]; idx < stop; idx++) {
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
            Arrays.fill(table, first, first + entries, (sorted[idx] << 8) | extra);
            code++;
        }
        this.code = code;
        this.currentPrefix = currentPrefix;
        this.currentStart = currentStart;
        this.nextSubtable = nextSubtable;
    }
}
