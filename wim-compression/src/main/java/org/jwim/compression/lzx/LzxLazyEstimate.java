package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.MAX_MATCH_LEN;
import static org.jwim.compression.lzx.LzxConstants.MIN_MATCH_LEN;
import static org.jwim.compression.lzx.LzxConstants.OFFSET_ADJUSTMENT;

import org.jwim.compression.LittleEndian;
import org.jwim.compression.matchfinder.MatchLength;

/**
 * A quick parse of a block from the match cache, whose symbol counts stand in for those of the
 * near-optimal path when the cost model for that path is built: a lazy parse (the longest cached
 * match, or a recent-offset match nearly as long, unless the next position has a longer one).
 *
 * <p>It replaces a first cheapest-path pass under guessed costs: the codes it yields price
 * symbols well enough that one cheapest-path pass then comes within 0.4% of the output of two
 * (benchmark corpora), for a small part of a pass's time.
 */
final class LzxLazyEstimate {
    /** A recent-offset match is preferred unless an explicit one is this much longer. */
    private static final int REPEAT_BONUS = 2;

    private LzxLazyEstimate() {
    }

    /**
     * Counts into {@code writer} the symbols of a lazy parse of the block, whose cached matches
     * start at {@code cache[0]} (per position: the count, then (length, offset) pairs).
     *
     * @param queue the recent offsets at the block start (as {@link LzxNearOptimalParser} packs them)
     */
    static void count(byte[] buf, int blockStart, int blockSize, long queue, int[] cache, LzxBlockWriter writer) {
        final int[] mainFreqs = writer.mainFreqs;
        long q = queue;
        int cp = 0;
        int i = 0;
        while (i < blockSize) {
            final int pos = blockStart + i;
            final int count = cache[cp];
            final int next = cp + 1 + 2 * count;
            int len = 0;
            int formatted = 0;
            if (count != 0) {
                final int maxLen = Math.min(blockSize - i, MAX_MATCH_LEN);
                len = Math.min(cache[next - 2], maxLen);
                formatted = cache[next - 1] + OFFSET_ADJUSTMENT;
                final int here = LittleEndian.getU16(buf, pos);
                for (int r = 0; r < 3; r++) {
                    final int src = pos - LzxNearOptimalParser.recentOffset(q, r);
                    if (LittleEndian.getU16(buf, src) == here) {
                        final int repLen = MatchLength.extend(buf, pos, src, MIN_MATCH_LEN, maxLen);
                        if (repLen + REPEAT_BONUS > len) {
                            len = repLen;
                            formatted = r;
                            break;
                        }
                    }
                }
                if (formatted > 2) {
                    // A length-2 explicit match rarely pays; a longer match one byte on is worth a literal.
                    final int nextCount = i + 1 < blockSize ? cache[next] : 0;
                    if (len == MIN_MATCH_LEN || nextCount != 0 && cache[next + 2 * nextCount - 1] > len) {
                        len = 0;
                    }
                }
            }
            if (len == 0) {
                mainFreqs[buf[pos] & 0xFF]++;
                cp = next;
                i++;
                continue;
            }
            writer.countMatch(len, formatted);
            q = LzxNearOptimalParser.afterMatch(q, formatted);
            for (int k = 0; k < len; k++) {
                cp += 1 + 2 * cache[cp];
            }
            i += len;
        }
    }
}
