package org.jwim.compression.matchfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HashChains16Test {
    /**
     * With no depth limit and no nice length the chains hold every earlier position of the same
     * 4-byte hash: the result is the longest match and, among the longest, the nearest.
     */
    @Test
    void findsTheLongestNearestMatchWithUnlimitedDepth() {
        byte[] buf = new byte[3000 + 17];
        byte[] data = BruteForceMatches.repetitive(3000, 1);
        System.arraycopy(data, 0, buf, 17, data.length);
        HashChains16 mf = new HashChains16(4096);
        mf.reset(buf.length);
        int fours = 0;
        for (int pos = 0; pos < data.length; pos++) {
            int max = data.length - pos;
            int len = mf.longestMatch(buf, 17, pos, 2, max, max, Integer.MAX_VALUE);
            long want = BruteForceMatches.longest(buf, 17, data.length, pos);
            int wantLen = (int) (want >>> 32);
            if (max < 4) {
                assertEquals(2, len, "no search this close to the end");
            } else if (wantLen >= 4) {
                fours++;
                assertEquals(wantLen, len, "length at " + pos);
                assertEquals((int) want, mf.matchOffset(), "offset at " + pos);
            } else if (len == 3) {
                // Length 3 comes from the last position of the same 3-byte hash: it must be real.
                int off = mf.matchOffset();
                assertTrue(off > 0 && off <= pos);
                assertEquals(3, BruteForceMatches.common(buf, 17 + pos, 17 + pos - off, 3));
            } else {
                assertEquals(2, len);
            }
        }
        assertTrue(fours > 1000, "the data must have long matches: " + fours);
    }

    @Test
    void respectsBestLenNiceLenAndDepth() {
        byte[] buf = new byte[200];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) "abcdefgh".charAt(i % 8);
        }
        HashChains16 mf = new HashChains16(256);
        mf.reset(buf.length);
        mf.skip(buf, 0, 0, 100, buf.length);
        // Period 8: the nearest candidate matches to the end of the buffer (a match found is
        // extended fully; the nice length only ends the search).
        assertEquals(100, mf.longestMatch(buf, 0, 100, 2, 100, 60, 1));
        assertEquals(8, mf.matchOffset());
        // Nothing longer than bestLen = maxLen can be found.
        assertEquals(99, mf.longestMatch(buf, 0, 101, 99, 99, 99, 5));
        // Positions within 4 bytes of the end are not searched.
        assertEquals(2, mf.longestMatch(buf, 0, 197, 2, 3, 3, 5));
    }

    @Test
    void forgetsTheBufferBeforeAReset() {
        byte[] buf = "0123456789abcdef0123456789abcdef".getBytes();
        HashChains16 mf = new HashChains16(64);
        mf.reset(buf.length);
        mf.skip(buf, 0, 0, 16, 32);
        assertEquals(16, mf.longestMatch(buf, 0, 16, 2, 16, 16, 8));
        mf.reset(buf.length);
        // The second half again, as a new buffer of its own: it has no earlier data.
        assertEquals(2, mf.longestMatch(buf, 16, 0, 2, 16, 16, 8));
    }

    @Test
    void refusesBuffersPast64KiB() {
        assertThrows(IllegalArgumentException.class, () -> new HashChains16((1 << 16) + 1));
        assertThrows(IllegalArgumentException.class, () -> new HashChains16(0));
    }
}
