package org.jwim.compression.matchfinder;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Finds all the useful earlier matches at a position of a buffer of up to 1 GiB, for
 * near-optimal parsers.
 *
 * <p>The sequences of each 3-byte hash form a binary search tree ordered by their bytes, rooted
 * at the newest (as wimlib's bt_matchfinder: one table lookup per position, the trees giving the
 * length-3 matches too). Inserting a position walks down from the root and re-roots the tree at
 * the new node; along the walk, the common prefix with the new sequence is known to be at least
 * the smaller of the best lengths on the lesser and the greater side, so few bytes are compared
 * again, and the matches met get longer as the walk goes on. When asked for, length-2 matches
 * come from a table remembering the last position of each 2-byte hash.
 *
 * <p>Positions are stored as {@code base + pos}, {@code base} moving past the previous buffer at
 * each {@link #reset}: entries of earlier buffers are then below {@code base} and read as "none",
 * so the tables need no clearing between buffers (only when {@code base} would overflow).
 *
 * <p>One instance per thread. Positions are relative to the buffer start (index 0 of the array
 * given), and are searched ({@link #getMatches}) or skipped ({@link #skip}) in increasing order
 * after {@link #reset}. A position may also be left out altogether: it is then never matched.
 */
public final class BinaryTrees32 {
    /** Bytes that must be left in the buffer at a searched or skipped position. */
    public static final int MIN_REMAINING = 4;
    private static final int HASH2_BITS = 12;
    private static final int HASH3_BITS = 16;

    private final int maxBufferSize;
    /** The last position of each 2-byte hash, or null when length-2 matches are not wanted. */
    private final int[] hash2;
    /** The root of each 3-byte hash's tree. */
    private final int[] roots = new int[1 << HASH3_BITS];
    /** The lesser child of position {@code p} at {@code 2p}, the greater at {@code 2p+1}. */
    private final int[] children;
    /** What position 0 of the current buffer is stored as; always at least 1. */
    private int base = 1;
    private int length;

    /**
     * A finder for buffers of up to {@code maxBufferSize} bytes.
     *
     * @param lengthTwo whether {@link #getMatches} also reports matches of length 2
     */
    public BinaryTrees32(int maxBufferSize, boolean lengthTwo) {
        if (maxBufferSize <= 0 || maxBufferSize > 1 << 30) {
            throw new IllegalArgumentException("buffer size " + maxBufferSize + " is not 1 to 2^30");
        }
        this.maxBufferSize = maxBufferSize;
        this.hash2 = lengthTwo ? new int[1 << HASH2_BITS] : null;
        this.children = new int[2 * maxBufferSize];
    }

    /** Starts a new buffer of {@code length} bytes: nothing before it is matched. */
    public void reset(int length) {
        if (length < 0 || length > maxBufferSize) {
            throw new IllegalArgumentException("buffer of " + length + " bytes");
        }
        long next = (long) base + this.length;
        if (next + maxBufferSize >= Integer.MAX_VALUE) {
            if (hash2 != null) {
                Arrays.fill(hash2, 0);
            }
            Arrays.fill(roots, 0);
            next = 1;
        }
        base = (int) next;
        this.length = length;
    }

    /**
     * Inserts position {@code pos} and stores the matches found within {@code maxDepth} tree
     * nodes in {@code matches} from index {@code at}, as (length, offset) pairs of strictly
     * increasing length, 2 (if asked for) or 3 and up; the walk stops at the first match of
     * {@code niceLen}, so there are at most {@code niceLen - 1} pairs.
     *
     * @param maxLen bytes left in the buffer from {@code pos}, at least {@link #MIN_REMAINING};
     *               no match is longer
     * @return the index after the last pair stored
     */
    public int getMatches(byte[] buf, int pos, int maxLen, int niceLen, int maxDepth, int[] matches, int at) {
        return advance(buf, pos, maxLen, niceLen, maxDepth, matches, at, true);
    }

    /**
     * Inserts position {@code pos} without reporting matches, as inside a chosen match. The tree
     * is still kept sorted, at the cost of a walk as in {@link #getMatches}.
     */
    public void skip(byte[] buf, int pos, int maxLen, int niceLen, int maxDepth) {
        advance(buf, pos, maxLen, niceLen, maxDepth, null, 0, false);
    }

    private int advance(byte[] buf, int pos, int maxLen, int niceLen, int maxDepth, int[] matches, int at,
            boolean record) {
        if (maxLen < MIN_REMAINING || pos + maxLen > length) {
            throw new IllegalArgumentException(maxLen + " bytes at " + pos + " of " + length);
        }
        niceLen = Math.min(niceLen, maxLen);
        final int base = this.base;
        final int[] child = children;
        final int cur = pos;
        final int seq4 = LittleEndian.getInt(buf, cur);
        final int self = base + cur;

        if (hash2 != null) {
            int h2 = LzHash.hash(seq4 & 0xFFFF, HASH2_BITS);
            int cand = hash2[h2] - base;
            hash2[h2] = self;
            if (record && cand >= 0 && LittleEndian.getU16(buf, cand) == (seq4 & 0xFFFF)) {
                matches[at++] = 2;
                matches[at++] = cur - cand;
            }
        }
        final int h3 = LzHash.hash(seq4 & 0xFFFFFF, HASH3_BITS);
        int node = roots[h3] - base;
        roots[h3] = self;
        // Where the next lesser and greater nodes met will hang: the new node's own links first.
        int lesserLink = 2 * cur;
        int greaterLink = lesserLink + 1;
        if (node < 0) {
            child[lesserLink] = 0;
            child[greaterLink] = 0;
            return at;
        }
        int bestLen = 2;
        int lesserLen = 0;
        int greaterLen = 0;
        int len = 0;
        int depth = maxDepth;
        // A skip only needs to know whether a node reaches the nice length: comparing further
        // would only measure long repeats (zero runs) that nobody asked for.
        final int limit = record ? maxLen : niceLen;
        // Eight bytes at a time from where the node is known to agree; the first differing byte
        // gives both the match length and the side of the tree to go on.
        final int wordLimit = buf.length - Long.BYTES;
        for (;;) {
            int nodeByte = 0;
            int curByte = 0;
            for (;;) {
                if (cur + len > wordLimit) {
                    len = MatchLength.extend(buf, cur, node, len, limit);
                    if (len < limit) {
                        nodeByte = buf[node + len] & 0xFF;
                        curByte = buf[cur + len] & 0xFF;
                    }
                    break;
                }
                final long a = LittleEndian.getLong(buf, node + len);
                final long b = LittleEndian.getLong(buf, cur + len);
                final long diff = a ^ b;
                if (diff != 0) {
                    final int bit = Long.numberOfTrailingZeros(diff) & ~7;
                    len += bit >>> 3;
                    nodeByte = (int) (a >>> bit) & 0xFF;
                    curByte = (int) (b >>> bit) & 0xFF;
                    break;
                }
                len += Long.BYTES;
                if (len >= limit) {
                    break;
                }
            }
            if (len >= limit) {
                // Bytes past the end (or the nice length) may have agreed too: they do not count.
                len = limit;
            }
            if (record && len > bestLen) {
                bestLen = len;
                matches[at++] = len;
                matches[at++] = cur - node;
            }
            if (len >= niceLen) {
                // As good as it gets: this node's subtrees become the new node's.
                child[lesserLink] = child[2 * node];
                child[greaterLink] = child[2 * node + 1];
                return at;
            }
            // Here len < niceLen <= maxLen, and the bytes at len differ.
            if (nodeByte < curByte) {
                child[lesserLink] = node + base;
                lesserLink = 2 * node + 1;
                node = child[lesserLink];
                lesserLen = len;
                len = Math.min(len, greaterLen);
            } else {
                child[greaterLink] = node + base;
                greaterLink = 2 * node;
                node = child[greaterLink];
                greaterLen = len;
                len = Math.min(len, lesserLen);
            }
            if (node < base || --depth == 0) {
                child[lesserLink] = 0;
                child[greaterLink] = 0;
                return at;
            }
            node -= base;
        }
    }
}
