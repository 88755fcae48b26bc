package org.jwim.compression.lzms;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Hash-chain match finder for the lazy parser: the longest earlier match at a position among the
 * newest few that share a hash of its first three bytes.
 *
 * <p>As in {@link LzmsBinaryTrees}, the chain links live in a cyclic window (4 bytes per position,
 * at most {@link LzmsBinaryTrees#MAX_WINDOW} positions) and positions are stored as
 * {@code base + pos} so no clearing is needed between chunks.
 */
final class LzmsHashChains {
    /** Bytes that must be left at a position for it to be searched or inserted. */
    static final int MIN_REMAINING = 4;
    /** Shortest match reported. */
    static final int MIN_LENGTH = 3;

    private final int windowMask;
    private final int hashBits;
    private final int maxChunkSize;
    private final int window;
    private final int[] head;
    private final int[] prev;
    private int base = 1;
    private int length;
    private int matchOffset;

    LzmsHashChains(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
        this.window = Math.min(LzmsBinaryTrees.MAX_WINDOW, Integer.highestOneBit(Math.max(2, maxChunkSize) - 1) << 1);
        this.windowMask = window - 1;
        int bits = 31 - Integer.numberOfLeadingZeros(window) - 1;
        this.hashBits = Math.max(15, Math.min(20, bits));
        this.head = new int[1 << hashBits];
        this.prev = new int[window];
    }

    long memoryBytes() {
        return 4L * (head.length + prev.length);
    }

    void reset(int length) {
        long next = (long) base + this.length + window;
        if (next + maxChunkSize >= Integer.MAX_VALUE) {
            Arrays.fill(head, 0);
            next = window;
        }
        base = (int) next;
        this.length = length;
    }

    private int hash(byte[] buf, int pos) {
        return ((LittleEndian.getInt(buf, pos) << 8) * 0x1E35A7BD) >>> (32 - hashBits);
    }

    /** Inserts position {@code pos} ({@link #MIN_REMAINING} bytes must be left). */
    void insert(byte[] buf, int pos) {
        int h = hash(buf, pos);
        int self = base + pos;
        prev[self & windowMask] = head[h];
        head[h] = self;
    }

    /** The offset of the match {@link #longest} last found. */
    int matchOffset() {
        return matchOffset;
    }

    /**
     * Inserts position {@code pos} and returns the length of the longest earlier match of at
     * least {@link #MIN_LENGTH} bytes among {@code depth} candidates (its offset then in
     * {@link #matchOffset()}), or 0.
     *
     * @param maxLen bytes left from {@code pos}, at least {@link #MIN_REMAINING}
     * @param nice   stop at a match this long
     */
    int longest(byte[] buf, int pos, int maxLen, int nice, int depth) {
        if (nice > maxLen) {
            nice = maxLen;
        }
        final int h = hash(buf, pos);
        final int self = base + pos;
        final int oldest = Math.max(base, self - windowMask);
        int cand = head[h];
        prev[self & windowMask] = cand;
        head[h] = self;
        final int seq = LittleEndian.getInt(buf, pos) & 0xFFFFFF;
        int best = MIN_LENGTH - 1;
        while (cand >= oldest && depth-- > 0) {
            int c = cand - base;
            // A candidate can beat the best only if it agrees at the best length's last byte.
            if (buf[c + best] == buf[pos + best] && (LittleEndian.getInt(buf, c) & 0xFFFFFF) == seq) {
                int len = LzmsBinaryTrees.extend(buf, pos, c, MIN_LENGTH, nice);
                if (len > best) {
                    best = len;
                    matchOffset = self - cand;
                    if (len >= nice) {
                        break;
                    }
                }
            }
            cand = prev[cand & windowMask];
        }
        return best >= MIN_LENGTH ? best : 0;
    }
}
