package org.jwim.compression.matchfinder;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Finds the longest earlier match at a position of a buffer of up to 64 KiB, for greedy and lazy
 * parsers.
 *
 * <p>Sequences are chained by a hash of their first four bytes, newest first, so nearer (and
 * usually cheaper) matches are seen first and a search depth bounds the work. Length-3 matches
 * come from a separate table remembering the last position of each 3-byte hash: a
 * chain over 3-byte hashes would be long and mostly useless.
 *
 * <p>Positions are stored in 16 bits, as {@code pos + 1} with 0 for "none" (a position within
 * four bytes of the end is never stored, so the largest is 65533): half the memory of int
 * positions, which made XPRESS's lazy parse 13% faster. The hash tables (96 KiB at most) are
 * cleared for each buffer.
 *
 * <p>One instance per thread; positions are relative to the buffer start, and every position
 * must be either searched ({@link #longestMatch}) or skipped ({@link #skip}) in order after
 * {@link #reset}.
 */
public final class HashChains16 {
    /** The largest buffer: positions must fit in 16 bits. */
    public static final int MAX_BUFFER_SIZE = 1 << 16;
    private static final int HASH3_BITS = 14;
    private static final int HASH4_BITS = 15;
    private static final int MIN_BUCKETS = 1 << 8;

    /**
     * The newest position of each 3-byte hash. (wimlib keeps two in a quarter of the buckets;
     * one in 16K buckets gives the same XPRESS sizes with half the stores, and was 7% faster.)
     */
    private final char[] hash3 = new char[1 << HASH3_BITS];
    /** The newest position of each 4-byte hash: the head of its chain. */
    private final char[] hash4 = new char[1 << HASH4_BITS];
    /** For each stored position, the next older one of the same 4-byte hash. */
    private final char[] next;
    private int matchOffset;
    /** 32 minus the bits of the hashes used for the current buffer. */
    private int hash3Shift = 32 - HASH3_BITS;
    private int hash4Shift = 32 - HASH4_BITS;

    /** A finder for buffers of up to {@code maxBufferSize} bytes (at most 64 KiB). */
    public HashChains16(int maxBufferSize) {
        if (maxBufferSize <= 0 || maxBufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer size " + maxBufferSize + " is not 1 to " + MAX_BUFFER_SIZE);
        }
        this.next = new char[maxBufferSize + 1];
    }

    /**
     * Starts a new buffer of {@code length} bytes: nothing before it is matched. Buffers shorter
     * than the tables use (and clear) only part of them, as many buckets as bytes: a WIM has
     * many small files, and clearing 96 KiB for each would cost more than matching them.
     */
    public void reset(int length) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(length, MIN_BUCKETS) - 1);
        hash4Shift = 32 - Math.min(HASH4_BITS, bits);
        hash3Shift = 32 - Math.min(HASH3_BITS, bits);
        Arrays.fill(hash3, 0, 1 << (32 - hash3Shift), (char) 0);
        Arrays.fill(hash4, 0, 1 << (32 - hash4Shift), (char) 0);
    }

    /** The offset of the match {@link #longestMatch} last reported as longer than its {@code bestLen}. */
    public int matchOffset() {
        return matchOffset;
    }

    /**
     * Inserts position {@code pos} (of the buffer starting at {@code buf[start]}) and returns the
     * length of the longest earlier match longer than {@code bestLen} found within
     * {@code maxDepth} candidates (its offset then in {@link #matchOffset()}), or {@code bestLen}.
     *
     * @param maxLen   bytes left in the buffer from {@code pos} (no match is longer); below 4 the
     *                 position is neither searched nor inserted
     * @param niceLen  stop at a match this long
     * @param maxDepth candidates to look at, at least 1
     */
    public int longestMatch(byte[] buf, int start, int pos, int bestLen, int maxLen, int niceLen, int maxDepth) {
        if (maxLen < 4) {
            return bestLen;
        }
        niceLen = Math.min(niceLen, maxLen);
        final char[] next = this.next;
        final int cur = start + pos;
        final int seq4 = LittleEndian.getInt(buf, cur);
        final int seq3 = seq4 & 0xFFFFFF;
        final int h3 = LzHash.hashShift(seq3, hash3Shift);
        final int h4 = LzHash.hashShift(seq4, hash4Shift);
        final int cand3 = hash3[h3];
        hash3[h3] = (char) (pos + 1);
        int node = hash4[h4];
        hash4[h4] = (char) (pos + 1);
        next[pos + 1] = (char) node;
        if (bestLen >= maxLen) {
            return bestLen;
        }
        // Buffer index of a stored position.
        final int shift = start - 1;
        int best = -1;
        int depth = maxDepth;

        if (bestLen < 4) {
            if (bestLen < 3 && cand3 != 0 && (LittleEndian.getInt(buf, cand3 + shift) & 0xFFFFFF) == seq3) {
                bestLen = 3;
                best = cand3 + shift;
            }
            // The first candidate whose four bytes agree.
            int m;
            for (;;) {
                if (node == 0) {
                    return found(bestLen, cur, best);
                }
                m = node + shift;
                if (LittleEndian.getInt(buf, m) == seq4) {
                    break;
                }
                node = next[node];
                if (--depth == 0) {
                    return found(bestLen, cur, best);
                }
            }
            bestLen = MatchLength.extend(buf, cur, m, 4, maxLen);
            best = m;
            if (bestLen >= niceLen || --depth == 0) {
                return found(bestLen, cur, best);
            }
            node = next[node];
        }

        // Longer matches: a candidate is worth extending only if it agrees on the four bytes
        // ending where the best match so far ends, and on the first four.
        int tail = LittleEndian.getInt(buf, cur + bestLen - 3);
        while (node != 0) {
            // Loaded before the test below, so that a mispredicted test does not delay it.
            final int following = next[node];
            int m = node + shift;
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
            node = following;
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
     * match; {@code length} is the buffer's length (positions within 4 bytes of its end are not
     * inserted).
     */
    public void skip(byte[] buf, int start, int pos, int count, int length) {
        final int end = Math.min(pos + count, length - 3);
        final int shift3 = hash3Shift;
        final int shift4 = hash4Shift;
        for (int p = pos; p < end; p++) {
            int seq4 = LittleEndian.getInt(buf, start + p);
            int h3 = LzHash.hashShift(seq4 & 0xFFFFFF, shift3);
            int h4 = LzHash.hashShift(seq4, shift4);
            hash3[h3] = (char) (p + 1);
            next[p + 1] = hash4[h4];
            hash4[h4] = (char) (p + 1);
        }
    }
}
