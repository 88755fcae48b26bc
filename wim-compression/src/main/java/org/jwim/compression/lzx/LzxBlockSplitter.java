package org.jwim.compression.lzx;

import java.util.Arrays;

/**
 * Decides where a new block (with new Huffman codes) pays, by watching coarse statistics of the
 * items a parser meets: literals by their top two bits and lowest bit (8 kinds), matches as
 * short or long (2 kinds). Every {@link #CHECK_INTERVAL} items, the new items' distribution is
 * compared with that of the block so far; when they differ by enough (a sum of absolute
 * differences of the shares, as in wimlib), the data has changed kind and the block should end.
 * Items may be rough guesses (a near-optimal parser has only its match finder's longest matches
 * when it must decide).
 */
final class LzxBlockSplitter {
    /** Items between checks. */
    static final int CHECK_INTERVAL = 400;
    /** Blocks are at least this long, but for the last of a chunk. */
    static final int MIN_BLOCK_SIZE = 6500;
    /** Blocks end at about this length whatever the statistics say. */
    static final int SOFT_MAX_BLOCK_SIZE = 100_000;

    private static final int LITERAL_KINDS = 8;
    private static final int KINDS = LITERAL_KINDS + 2;

    private final int[] fresh = new int[KINDS];
    private final int[] seen = new int[KINDS];
    private int freshCount;
    private int seenCount;

    /** A block starts. */
    void reset() {
        Arrays.fill(fresh, 0);
        Arrays.fill(seen, 0);
        freshCount = 0;
        seenCount = 0;
    }

    void literal(int b) {
        fresh[((b >>> 5) & 6) | (b & 1)]++;
        freshCount++;
    }

    void match(int length) {
        fresh[LITERAL_KINDS + (length >= 5 ? 1 : 0)]++;
        freshCount++;
    }

    /** Whether enough new items have been seen for {@link #shouldEnd}. */
    boolean checkDue() {
        return freshCount >= CHECK_INTERVAL;
    }

    /**
     * Whether the new items differ enough from the block so far to end it before them; if not,
     * they join the block's statistics.
     */
    boolean shouldEnd() {
        if (seenCount > 0) {
            // Shares compared without division: both sides scaled by the other's count.
            long delta = 0;
            for (int k = 0; k < KINDS; k++) {
                long expected = (long) seen[k] * freshCount;
                long actual = (long) fresh[k] * seenCount;
                delta += Math.abs(actual - expected);
            }
            if (delta >= (long) freshCount * 7 / 8 * seenCount) {
                return true;
            }
        }
        for (int k = 0; k < KINDS; k++) {
            seen[k] += fresh[k];
            fresh[k] = 0;
        }
        seenCount += freshCount;
        freshCount = 0;
        return false;
    }
}
