package org.jwim.compression.lzms;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Binary-tree match finder for the near-optimal parser: at each position, the earlier matches
 * worth pricing, one per length that improves on the shorter ones.
 *
 * <p>The sequences that share a 4-byte hash form a binary search tree ordered by their bytes and
 * rooted at the newest. Inserting a position walks down from the root and re-roots the tree at
 * the new one; on the way, everything above the smaller of the lesser and the greater side's
 * common lengths is already known to match, and the matches met get longer. Matches of length 2
 * come from a table of the last position of each 2-byte value, and of length 3 from the last
 * position of each 3-byte hash.
 *
 * <p>Memory is bounded for the largest (solid) chunks: the tree links live in a cyclic window of
 * at most {@link #MAX_WINDOW} positions, 8 bytes each, and nodes that have left the window are
 * cut off. Positions are stored as {@code base + pos}, {@code base} moving past the previous
 * chunk at each {@link #reset}, so entries of earlier chunks read as absent and the tables need
 * no clearing (an instance compresses many small chunks).
 */
final class LzmsBinaryTrees {
    /** Bytes that must be left at a position for it to be searched or inserted. */
    static final int MIN_REMAINING = 4;
    /** The largest window: 64 MiB, a whole solid chunk of the size Microsoft's tools write. */
    static final int MAX_WINDOW = 1 << 26;

    private static final int HASH3_BITS = 16;
    private static final int HASH4_MIN_BITS = 16;
    private static final int HASH4_MAX_BITS = 22;

    private final int window;
    private final int windowMask;
    private final int hash4Bits;
    private final int maxChunkSize;
    private final int[] hash2 = new int[1 << 16];
    private final int[] hash3 = new int[1 << HASH3_BITS];
    private final int[] hash4;
    /** Lesser child of position {@code a} at {@code 2 (a & windowMask)}, greater child next to it. */
    private final int[] children;
    private int base = 1;
    private int length;

    LzmsBinaryTrees(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
        this.window = Math.min(MAX_WINDOW, Integer.highestOneBit(Math.max(2, maxChunkSize) - 1) << 1);
        this.windowMask = window - 1;
        int bits = 31 - Integer.numberOfLeadingZeros(window) - 1;
        this.hash4Bits = Math.max(HASH4_MIN_BITS, Math.min(HASH4_MAX_BITS, bits));
        this.hash4 = new int[1 << hash4Bits];
        this.children = new int[2 * window];
    }

    /** Bytes of memory this finder holds, for reports. */
    long memoryBytes() {
        return 4L * (hash2.length + hash3.length + hash4.length + children.length);
    }

    /** Starts a chunk of {@code length} bytes. */
    void reset(int length) {
        long next = (long) base + this.length + window;
        if (next + maxChunkSize >= Integer.MAX_VALUE) {
            Arrays.fill(hash2, 0);
            Arrays.fill(hash3, 0);
            Arrays.fill(hash4, 0);
            next = window;
        }
        base = (int) next;
        this.length = length;
    }

    private static int hash(int seq, int bits) {
        return (seq * 0x1E35A7BD) >>> (32 - bits);
    }

    /**
     * Inserts position {@code pos} and writes the matches found into {@code matches} as (length,
     * offset) pairs of strictly increasing length, 2 and up. The walk looks at no more than
     * {@code depth} tree nodes and stops at a match of {@code nice} bytes.
     *
     * @param maxLen bytes left from {@code pos}, at least {@link #MIN_REMAINING}
     * @return the number of ints written (twice the number of matches)
     */
    int find(byte[] buf, int pos, int maxLen, int nice, int depth, int[] matches) {
        return walk(buf, pos, maxLen, nice, depth, matches);
    }

    /** Inserts position {@code pos} without reporting matches. */
    void skip(byte[] buf, int pos, int maxLen, int nice, int depth) {
        walk(buf, pos, maxLen, nice, depth, null);
    }

    private int walk(byte[] buf, int pos, int maxLen, int nice, int depth, int[] matches) {
        if (nice > maxLen) {
            nice = maxLen;
        }
        final int base = this.base;
        final int self = base + pos;
        final int oldest = Math.max(base, self - windowMask);
        final int seq = LittleEndian.getInt(buf, pos);
        int n = 0;
        int best = 1;

        int h2 = seq & 0xFFFF;
        int cand = hash2[h2];
        hash2[h2] = self;
        if (matches != null && cand >= oldest) {
            matches[n++] = 2;
            matches[n++] = self - cand;
            best = 2;
        }
        int h3 = hash(seq << 8, HASH3_BITS);
        cand = hash3[h3];
        hash3[h3] = self;
        if (matches != null && cand >= oldest) {
            int c = cand - base;
            if (((LittleEndian.getInt(buf, c) ^ seq) & 0xFFFFFF) == 0) {
                // Length 3 only, not extended: if the fourth byte agrees too, the candidate
                // shares the 4-byte hash, is in the tree, and the walk below reports its full
                // length (extending here cost 10% of the time at level 50, for nothing).
                matches[n++] = 3;
                matches[n++] = self - cand;
                best = 3;
            }
        }

        final int[] child = children;
        final int mask = windowMask;
        int h4 = hash(seq, hash4Bits);
        int node = hash4[h4];
        hash4[h4] = self;
        int lesserSlot = 2 * (self & mask);
        int greaterSlot = lesserSlot + 1;
        int lesserLen = 0;
        int greaterLen = 0;
        while (true) {
            if (node < oldest || depth-- == 0) {
                child[lesserSlot] = 0;
                child[greaterSlot] = 0;
                return n;
            }
            int c = node - base;
            int len = Math.min(lesserLen, greaterLen);
            // Eight bytes at a time (the chunk copy has room past its end); the first differing
            // byte gives both the length and the side to go on.
            int nodeByte = 0;
            int curByte = 0;
            while (true) {
                long a = LittleEndian.getLong(buf, c + len);
                long b = LittleEndian.getLong(buf, pos + len);
                long diff = a ^ b;
                if (diff != 0) {
                    int bit = Long.numberOfTrailingZeros(diff) & ~7;
                    len += bit >>> 3;
                    nodeByte = (int) (a >>> bit) & 0xFF;
                    curByte = (int) (b >>> bit) & 0xFF;
                    break;
                }
                len += 8;
                if (len >= nice) {
                    break;
                }
            }
            if (len >= nice) {
                // Bytes past the end may have agreed too: they do not count.
                len = nice;
                if (len > best && matches != null) {
                    matches[n++] = len;
                    matches[n++] = self - node;
                }
                // The new node takes the old one's place with its subtrees.
                int s = 2 * (node & mask);
                child[lesserSlot] = child[s];
                child[greaterSlot] = child[s + 1];
                return n;
            }
            if (len > best) {
                best = len;
                if (matches != null) {
                    matches[n++] = len;
                    matches[n++] = self - node;
                }
            }
            if (nodeByte < curByte) {
                child[lesserSlot] = node;
                lesserSlot = 2 * (node & mask) + 1;
                node = child[lesserSlot];
                lesserLen = len;
            } else {
                child[greaterSlot] = node;
                greaterSlot = 2 * (node & mask);
                node = child[greaterSlot];
                greaterLen = len;
            }
        }
    }

    /** How far {@code buf[pos ..]} and {@code buf[c ..]} agree, knowing {@code len} bytes do, up to {@code max}. */
    static int extend(byte[] buf, int pos, int c, int len, int max) {
        while (len + 8 <= max) {
            long diff = LittleEndian.getLong(buf, pos + len) ^ LittleEndian.getLong(buf, c + len);
            if (diff != 0) {
                return len + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            len += 8;
        }
        while (len < max && buf[pos + len] == buf[c + len]) {
            len++;
        }
        return len;
    }
}
