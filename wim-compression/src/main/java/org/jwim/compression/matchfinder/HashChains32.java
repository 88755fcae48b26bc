package org.jwim.compression.matchfinder;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Finds the longest earlier match at a position of a buffer of up to 1 GiB, for greedy and lazy
 * parsers.
 *
 * <p>Sequences are chained by a hash of their first four bytes, newest first, so nearer (and
 * usually cheaper) matches are seen first and a search depth bounds the work. Length-3 matches
 * come from a separate table remembering the last position of each 3-byte hash.
 *
 * <p>Positions are stored as {@code base + pos} as in {@link BinaryTrees32}, so the tables need
 * no clearing between buffers.
 *
 * <p>One instance per thread. Positions are relative to the buffer start (index 0 of the array
 * given), and every position must be either searched ({@link #longestMatch}) or skipped
 * ({@link #skip}) in order after {@link #reset}.
 */
public final class HashChains32 {
    /** Positions with fewer bytes left than this are neither searched nor inserted. */
    public static final int MIN_REMAINING = 4;
    private static final int HASH3_BITS = 15;
    private static final int HASH4_BITS = 16;

    private final int maxBufferSize;
    private final int[] hash3 = new int[1 << HASH3_BITS];
    /** The newest position of each 4-byte hash: the head of its chain. */
    private final int[] hash4 = new int[1 << HASH4_BITS];
    /** For each stored position, the next older one of the same 4-byte hash. */
    private final int[] next;
    private int base = 1;
    private int length;
    private int matchOffset;

    /** A finder for buffers of up to {@code maxBufferSize} bytes. */
    public HashChains32(int maxBufferSize) {
        if (maxBufferSize <= 0 || maxBufferSize > 1 << 30) {
            throw new IllegalArgumentException("buffer size " + maxBufferSize + " is not 1 to 2^30");
        }
        this.maxBufferSize = maxBufferSize;
        this.next = new int[maxBufferSize];
    }

    /** Starts a new buffer of {@code length} bytes: nothing before it is matched. */
    public void reset(int length) {
        if (length < 0 || length > maxBufferSize) {
            throw new IllegalArgumentException("buffer of " + length + " bytes");
        }
        long nextBase = (long) base + this.length;
        if (nextBase + maxBufferSize >= Integer.MAX_VALUE) {
            Arrays.fill(hash3, 0);
            Arrays.fill(hash4, 0);
            nextBase = 1;
        }
        base = (int) nextBase;
        this.length = length;
    }

    /** The offset of the match {@link #longestMatch} last reported as longer than its {@code bestLen}. */
    public int matchOffset() {
        return matchOffset;
    }

    /**
     * Inserts position {@code pos} and returns the length of the longest earlier match longer
     * than {@code bestLen} (at least 2) found within {@code maxDepth} candidates (its offset then
     * in {@link #matchOffset()}), or {@code bestLen}.
     *
     * @param maxLen   bytes left in the buffer from {@code pos} (no match is longer); below
     *                 {@link #MIN_REMAINING} the position is neither searched nor inserted
     * @param niceLen  stop at a match this long
     * @param maxDepth candidates to look at, at least 1
     */
    public int longestMatch(byte[] buf, int pos, int bestLen, int maxLen, int niceLen, int maxDepth) {
        if (maxLen < MIN_REMAINING) {
            return bestLen;
        }
        niceLen = Math.min(niceLen, maxLen);
        final int base = this.base;
        final int[] next = this.next;
        final int cur = pos;
        final int seq4 = LittleEndian.getInt(buf, cur);
        final int seq3 = seq4 & 0xFFFFFF;
        final int h3 = LzHash.hash(seq3, HASH3_BITS);
        final int h4 = LzHash.hash(seq4, HASH4_BITS);
        final int cand3 = hash3[h3] - base;
        hash3[h3] = base + cur;
        int node = hash4[h4];
        hash4[h4] = base + cur;
        next[cur] = node;
        if (bestLen >= maxLen) {
            return bestLen;
        }
        int best = -1;
        int depth = maxDepth;

        if (bestLen < 4) {
            if (bestLen < 3 && cand3 >= 0 && (LittleEndian.getInt(buf, cand3) & 0xFFFFFF) == seq3) {
                bestLen = 3;
                best = cand3;
            }
            // The first candidate whose four bytes agree.
            int m;
            for (;;) {
                if (node < base) {
                    return found(bestLen, cur, best);
                }
                m = node - base;
                if (LittleEndian.getInt(buf, m) == seq4) {
                    break;
                }
                node = next[m];
                if (--depth == 0) {
                    return found(bestLen, cur, best);
                }
            }
            bestLen = MatchLength.extend(buf, cur, m, 4, maxLen);
            best = m;
            if (bestLen >= niceLen || --depth == 0) {
                return found(bestLen, cur, best);
            }
            node = next[m];
        }

        // Longer matches: a candidate is worth extending only if it agrees on the four bytes
        // ending where the best match so far ends, and on the first four.
        int tail = LittleEndian.getInt(buf, cur + bestLen - 3);
        while (node >= base) {
            int m = node - base;
            if (LittleEndian.getInt(buf, m + bestLen - 3) == tail && LittleEndian.getInt(buf, m) == seq4) {
                int len = MatchLength.extend(buf, cur, m, 4, maxLen);
                if (len > bestLen) {
                    bestLen = len;
                    best = m;
                    if (len >= niceLen) {
                        break;
                    }
                    tail = LittleEndian.getInt(buf, cur + bestLen - 3);
                }
            }
            if (--depth == 0) {
                break;
            }
            node = next[m];
        }
        return found(bestLen, cur, best);
    }

    private int found(int len, int cur, int match) {
        if (match >= 0) {
            matchOffset = cur - match;
        }
        return len;
    }

    /**
     * Inserts {@code count} positions from {@code pos} without searching, as after a chosen
     * match; positions with fewer than {@link #MIN_REMAINING} bytes left are not inserted.
     */
    public void skip(byte[] buf, int pos, int count) {
        final int base = this.base;
        final int end = Math.min(pos + count, length - MIN_REMAINING + 1);
        for (int p = pos; p < end; p++) {
            int seq4 = LittleEndian.getInt(buf, p);
            int h3 = LzHash.hash(seq4 & 0xFFFFFF, HASH3_BITS);
            int h4 = LzHash.hash(seq4, HASH4_BITS);
            hash3[h3] = base + p;
            next[p] = hash4[h4];
            hash4[h4] = base + p;
        }
    }
}
