package org.jwim.compression.matchfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryTrees16Test {
    /**
     * With no depth limit and a nice length past every match, the matches reported are real, get
     * strictly longer, and the last is the longest there is (for 4 bytes and more).
     */
    @Test
    void reportsRealMatchesEndingWithTheLongest() {
        byte[] data = BruteForceMatches.repetitive(3000, 2);
        byte[] buf = new byte[data.length + 5];
        System.arraycopy(data, 0, buf, 5, data.length);
        BinaryTrees16 mf = new BinaryTrees16(4096);
        mf.reset();
        int[] matches = new int[2 * 4000];
        int longOnes = 0;
        for (int pos = 0; pos + BinaryTrees16.MIN_REMAINING <= data.length; pos++) {
            int max = data.length - pos;
            int end = mf.getMatches(buf, 5, pos, max, max, Integer.MAX_VALUE, matches, 0);
            assertRealAndLonger(buf, 5, pos, max, matches, end, 3);
            long want = BruteForceMatches.longest(buf, 5, data.length, pos);
            int wantLen = (int) (want >>> 32);
            if (wantLen >= 4) {
                longOnes++;
                assertTrue(end > 0, "a match at " + pos);
                assertEquals(wantLen, matches[end - 2], "longest at " + pos);
            }
        }
        assertTrue(longOnes > 1000, "the data must have long matches: " + longOnes);
    }

    @Test
    void skippedPositionsStayFindable() {
        byte[] buf = new byte[400];
        new java.util.Random(3).nextBytes(buf);
        System.arraycopy(buf, 10, buf, 300, 50);
        BinaryTrees16 mf = new BinaryTrees16(512);
        mf.reset();
        for (int pos = 0; pos < 300; pos++) {
            mf.skip(buf, 0, pos, buf.length - pos, 32, 16);
        }
        int[] matches = new int[64];
        int end = mf.getMatches(buf, 0, 300, 100, 100, 16, matches, 0);
        assertTrue(end >= 2);
        assertEquals(50, matches[end - 2]);
        assertEquals(290, matches[end - 1]);
    }

    /** Asked for, length-2 matches come first, are real, and are the nearest of their two bytes. */
    @Test
    void reportsLengthTwoMatchesWhenAsked() {
        byte[] buf = new byte[2000];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < buf.length; i++) {
            // Few distinct pairs, rarely three bytes alike: many length-2 matches.
            buf[i] = (byte) random.nextInt(12);
        }
        BinaryTrees16 mf = new BinaryTrees16(buf.length, true);
        mf.reset();
        int[] matches = new int[2 * 2000];
        int pairs = 0;
        for (int pos = 0; pos + BinaryTrees16.MIN_REMAINING <= buf.length; pos++) {
            int max = buf.length - pos;
            int end = mf.getMatches(buf, 0, pos, max, max, Integer.MAX_VALUE, matches, 0);
            assertRealAndLonger(buf, 0, pos, max, matches, end, 2);
            if (end > 0 && matches[0] == 2) {
                pairs++;
                int off = matches[1];
                for (int nearer = 1; nearer < off; nearer++) {
                    // The table keeps the newest position of each hash: a nearer pair would have replaced it.
                    assertTrue(buf[pos - nearer] != buf[pos] || buf[pos - nearer + 1] != buf[pos + 1],
                            "a nearer pair at " + pos);
                }
            }
        }
        assertTrue(pairs > 1000, "length-2 matches found: " + pairs);
        BinaryTrees16 plain = new BinaryTrees16(buf.length);
        plain.reset();
        for (int pos = 0; pos + BinaryTrees16.MIN_REMAINING <= buf.length; pos++) {
            int end = plain.getMatches(buf, 0, pos, buf.length - pos, 300, 16, matches, 0);
            assertTrue(end == 0 || matches[0] >= 3, "no length 2 unless asked, at " + pos);
        }
    }

    /** The pairs before {@code end} are real matches at {@code pos}, of lengths from {@code minLen}, each longer than the last. */
    private static void assertRealAndLonger(byte[] buf, int start, int pos, int max, int[] matches, int end, int minLen) {
        int prev = minLen - 1;
        for (int i = 0; i < end; i += 2) {
            int len = matches[i];
            int off = matches[i + 1];
            assertTrue(len > prev, "lengths increase at " + pos);
            assertTrue(off > 0 && off <= pos, "offset " + off + " at " + pos);
            assertTrue(BruteForceMatches.common(buf, start + pos, start + pos - off, max) >= len, "real match at " + pos);
            prev = len;
        }
    }

    @Test
    void stopsAtTheNiceLength() {
        byte[] buf = new byte[1000];
        BinaryTrees16 mf = new BinaryTrees16(1024);
        mf.reset();
        int[] matches = new int[64];
        assertEquals(0, mf.getMatches(buf, 0, 0, 1000, 40, 10, matches, 0));
        int end = mf.getMatches(buf, 0, 1, 999, 40, 10, matches, 0);
        // Zeros: the match at offset 1 runs to the end of the buffer.
        assertEquals(999, matches[end - 2]);
        assertEquals(1, matches[end - 1]);
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new BinaryTrees16((1 << 16) + 1));
        BinaryTrees16 mf = new BinaryTrees16(16);
        mf.reset();
        assertThrows(IllegalArgumentException.class, () -> mf.getMatches(new byte[16], 0, 13, 3, 3, 4, new int[8], 0));
    }
}
