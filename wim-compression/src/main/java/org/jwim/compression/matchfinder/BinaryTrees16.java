package org.jwim.compression.matchfinder;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Finds all the useful earlier matches at a position of a buffer of up to 64 KiB, for
 * near-optimal parsers.
 *
 * <p>The sequences of each 4-byte hash form a binary search tree ordered by their bytes, rooted
 * at the newest. Inserting a position walks down from the root and re-roots the tree at the new
 * node; along the walk, the common prefix with the new sequence is known to be at least the
 * smaller of the best lengths on the lesser and the greater side, so few bytes are compared
 * again, and the matches met get longer as the walk goes on. Length-3 matches come from a small
 * table remembering the last two positions of each 3-byte hash and, when asked for, length-2
 * matches from one remembering the last position of each 2-byte hash. Keying the trees by four
 * bytes rather than three keeps them free of the many length-3-only candidates, so walks are
 * shorter (7% less time for LZX's near-optimal parse of text than {@link BinaryTrees32}).
 *
 * <p>Positions are stored in 16 bits as in {@link HashChains16} ({@code pos + 1}, 0 for none);
 * the hash tables (192 KiB) are cleared for each buffer.
 *
 * <p>One instance per thread; positions are relative to the buffer start, and are searched
 * ({@link #getMatches}) or skipped ({@link #skip}) in increasing order after {@link #reset}. A
 * position may also be left out altogether: it is then never matched.
 */
public final class BinaryTrees16 {
    /** The largest buffer: positions must fit in 16 bits. */
    public static final int MAX_BUFFER_SIZE = 1 << 16;
    /** Positions closer than this to the end of the buffer cannot be hashed. */
    public static final int MIN_REMAINING = 4;
    private static final int HASH2_BITS = 12;
    private static final int HASH3_BITS = 14;
    private static final int HASH4_BITS = 16;

    /** The newest position of each 2-byte hash, or null when length-2 matches are not wanted. */
    private final char[] hash2;
    /** Two positions per 3-byte hash: the newest at {@code 2h}, the one before at {@code 2h+1}. */
    private final char[] hash3 = new char[2 << HASH3_BITS];
    /** The root of each 4-byte hash's tree. */
    private final char[] hash4 = new char[1 << HASH4_BITS];
    /** The lesser child of stored position {@code v} at {@code 2v}, the greater at {@code 2v+1}. */
    private final char[] children;

    /** A finder for buffers of up to {@code maxBufferSize} bytes (at most 64 KiB), from length 3. */
    public BinaryTrees16(int maxBufferSize) {
        this(maxBufferSize, false);
    }

    /**
     * A finder for buffers of up to {@code maxBufferSize} bytes (at most 64 KiB).
     *
     * @param lengthTwo whether {@link #getMatches} also reports matches of length 2
     */
    public BinaryTrees16(int maxBufferSize, boolean lengthTwo) {
        if (maxBufferSize <= 0 || maxBufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer size " + maxBufferSize + " is not 1 to " + MAX_BUFFER_SIZE);
        }
        this.children = new char[2 * (maxBufferSize + 1)];
        this.hash2 = lengthTwo ? new char[1 << HASH2_BITS] : null;
    }

    /** Starts a new buffer: nothing before it is matched. */
    public void reset() {
        Arrays.fill(hash3, (char) 0);
        Arrays.fill(hash4, (char) 0);
        if (hash2 != null) {
            Arrays.fill(hash2, (char) 0);
        }
    }

    /**
     * Inserts position {@code pos} (of the buffer starting at {@code buf[start]}) and stores the
     * matches found within {@code maxDepth} tree nodes in {@code matches} from index {@code at},
     * as (length, offset) pairs of strictly increasing length, 2 (if asked for) or 3 and up; the
     * walk stops at the first match of {@code niceLen}, so there are at most {@code niceLen - 1}
     * pairs.
     *
     * @param maxLen bytes left in the buffer from {@code pos}, at least {@link #MIN_REMAINING}
     * @return the index after the last pair stored
     */
    public int getMatches(byte[] buf, int start, int pos, int maxLen, int niceLen, int maxDepth,
            int[] matches, int at) {
        return advance(buf, start, pos, maxLen, niceLen, maxDepth, matches, at, true);
    }

    /**
     * Inserts position {@code pos} without reporting matches, as inside a chosen match. The tree
     * is still kept sorted, at the cost of a walk as in {@link #getMatches}.
     */
    public void skip(byte[] buf, int start, int pos, int maxLen, int niceLen, int maxDepth) {
        advance(buf, start, pos, maxLen, niceLen, maxDepth, null, 0, false);
    }

    private int advance(byte[] buf, int start, int pos, int maxLen, int niceLen, int maxDepth,
            int[] matches, int at, boolean record) {
        if (maxLen < MIN_REMAINING) {
            throw new IllegalArgumentException("only " + maxLen + " bytes left at " + pos);
        }
        niceLen = Math.min(niceLen, maxLen);
        final char[] child = children;
        final int cur = start + pos;
        final int seq4 = LittleEndian.getInt(buf, cur);
        final int h3 = LzHash.hash(seq4 & 0xFFFFFF, HASH3_BITS) << 1;
        final int h4 = LzHash.hash(seq4, HASH4_BITS);
        // Buffer index of a stored position.
        final int shift = start - 1;
        final char self = (char) (pos + 1);
        if (hash2 != null) {
            final int h2 = LzHash.hash(seq4 & 0xFFFF, HASH2_BITS);
            final int cand2 = hash2[h2];
            hash2[h2] = self;
            if (record && cand2 != 0 && LittleEndian.getU16(buf, cand2 + shift) == (seq4 & 0xFFFF)) {
                matches[at++] = 2;
                matches[at++] = cur - (cand2 + shift);
            }
        }
        final int cand3a = hash3[h3];
        final int cand3b = hash3[h3 + 1];
        hash3[h3] = self;
        hash3[h3 + 1] = (char) cand3a;
        if (record) {
            int seq3 = seq4 & 0xFFFFFF;
            if (cand3a != 0 && (LittleEndian.getInt(buf, cand3a + shift) & 0xFFFFFF) == seq3) {
                matches[at++] = 3;
                matches[at++] = cur - (cand3a + shift);
            } else if (cand3b != 0 && (LittleEndian.getInt(buf, cand3b + shift) & 0xFFFFFF) == seq3) {
                matches[at++] = 3;
                matches[at++] = cur - (cand3b + shift);
            }
        }
        int node = hash4[h4];
        hash4[h4] = self;
        // Where the next lesser and greater nodes met will hang: the new node's own links first.
        int lesserLink = 2 * self;
        int greaterLink = lesserLink + 1;
        if (node == 0) {
            child[lesserLink] = 0;
            child[greaterLink] = 0;
            return at;
        }
        int bestLen = 3;
        int lesserLen = 0;
        int greaterLen = 0;
        int len = 0;
        int depth = maxDepth;
        for (;;) {
            final int m = node + shift;
            final int links = 2 * node;
            if (buf[m + len] == buf[cur + len]) {
                len = MatchLength.extend(buf, cur, m, len + 1, maxLen);
                if (!record || len > bestLen) {
                    if (record) {
                        bestLen = len;
                        matches[at++] = len;
                        matches[at++] = cur - m;
                    }
                    if (len >= niceLen) {
                        // As good as it gets: this node's subtrees become the new node's.
                        child[lesserLink] = child[links];
                        child[greaterLink] = child[links + 1];
                        return at;
                    }
                }
            }
            // Here len < niceLen <= maxLen, and the bytes at len differ.
            if ((buf[m + len] & 0xFF) < (buf[cur + len] & 0xFF)) {
                child[lesserLink] = (char) node;
                lesserLink = links + 1;
                node = child[lesserLink];
                lesserLen = len;
                len = Math.min(len, greaterLen);
            } else {
                child[greaterLink] = (char) node;
                greaterLink = links;
                node = child[greaterLink];
                greaterLen = len;
                len = Math.min(len, lesserLen);
            }
            if (node == 0 || --depth == 0) {
                child[lesserLink] = 0;
                child[greaterLink] = 0;
                return at;
            }
        }
    }
}
