package org.jwim.compression.matchfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link BinaryTrees32} and {@link HashChains32} report real matches, find the longest, and forget old buffers. */
class MatchFinders32Test {
    /** Low-entropy bytes with long repeats: many matches of every length. */
    static byte[] sample(int size, long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[size + 8];
        int p = 0;
        while (p < size) {
            if (p > 300 && rnd.nextInt(3) == 0) {
                int len = Math.min(size - p, 2 + rnd.nextInt(rnd.nextBoolean() ? 10 : 400));
                int from = rnd.nextInt(p - 1);
                for (int k = 0; k < len; k++) {
                    b[p + k] = b[from + k];
                }
                p += len;
            } else {
                b[p++] = (byte) rnd.nextInt(rnd.nextBoolean() ? 4 : 256);
            }
        }
        return b;
    }

    static int longest(byte[] b, int pos, int maxLen) {
        int best = 0;
        for (int m = 0; m < pos; m++) {
            int l = 0;
            while (l < maxLen && b[m + l] == b[pos + l]) {
                l++;
            }
            best = Math.max(best, l);
        }
        return best;
    }

    @Test
    void binaryTreesReportRealMatchesOfRisingLengthAndTheLongest() {
        int size = 6000;
        BinaryTrees32 bt = new BinaryTrees32(size, true);
        int[] m = new int[1024];
        for (long seed = 1; seed <= 3; seed++) {
            byte[] b = sample(size, seed);
            bt.reset(size);
            for (int pos = 0; pos + BinaryTrees32.MIN_REMAINING <= size; pos++) {
                int maxLen = Math.min(257, size - pos);
                int end = bt.getMatches(b, pos, maxLen, 257, 1 << 20, m, 0);
                int prevLen = 1;
                for (int k = 0; k < end; k += 2) {
                    int len = m[k];
                    int off = m[k + 1];
                    assertTrue(len > prevLen && len <= maxLen, "rising lengths at " + pos);
                    assertTrue(off >= 1 && off <= pos);
                    for (int x = 0; x < len; x++) {
                        assertEquals(b[pos - off + x], b[pos + x], "match bytes at " + pos);
                    }
                    prevLen = len;
                }
                int best = longest(b, pos, maxLen);
                if (best >= 4) {
                    assertEquals(best, end == 0 ? 0 : m[end - 2], "longest match at " + pos);
                }
            }
        }
    }

    @Test
    void binaryTreesForgetTheLastBufferAndSkipKeepsTheTreesSorted() {
        int size = 4000;
        BinaryTrees32 bt = new BinaryTrees32(size, false);
        int[] m = new int[1024];
        byte[] b = sample(size, 9);
        for (int round = 0; round < 3; round++) {
            bt.reset(size);
            for (int pos = 0; pos + 4 <= size; pos++) {
                int maxLen = Math.min(257, size - pos);
                if (pos % 3 == 0) {
                    bt.skip(b, pos, maxLen, 257, 1 << 20);
                    continue;
                }
                int end = bt.getMatches(b, pos, maxLen, 257, 1 << 20, m, 0);
                for (int k = 0; k < end; k += 2) {
                    assertTrue(m[k] >= 3, "no length-2 matches asked for");
                    assertTrue(m[k + 1] <= pos, "nothing from an earlier buffer at " + pos);
                }
                int best = longest(b, pos, maxLen);
                if (best >= 4) {
                    assertEquals(best, m[end - 2], "longest match at " + pos);
                }
            }
        }
    }

    @Test
    void hashChainsFindRealMatchesAndTheLongestWhenDeepEnough() {
        int size = 5000;
        HashChains32 hc = new HashChains32(size);
        for (int round = 0; round < 2; round++) {
            byte[] b = sample(size, 20 + round);
            hc.reset(size);
            for (int pos = 0; pos < size; pos++) {
                int maxLen = Math.min(257, size - pos);
                if (pos % 5 == 4) {
                    hc.skip(b, pos, 1);
                    continue;
                }
                int len = hc.longestMatch(b, pos, 2, maxLen, 257, 1 << 20);
                if (len > 2) {
                    int off = hc.matchOffset();
                    assertTrue(off >= 1 && off <= pos);
                    for (int x = 0; x < len; x++) {
                        assertEquals(b[pos - off + x], b[pos + x]);
                    }
                }
                if (maxLen >= 4) {
                    int best = longest(b, pos, maxLen);
                    if (best >= 4) {
                        assertEquals(best, len, "longest match at " + pos);
                    }
                }
            }
        }
    }
}
