package org.jwim.compression.matchfinder;

/** The reference the match finders are checked against: every earlier position, compared byte by byte. */
final class BruteForceMatches {
    private BruteForceMatches() {
    }

    /** Length of the common prefix of {@code b[p ..]} and {@code b[q ..]}, at most {@code max}. */
    static int common(byte[] b, int p, int q, int max) {
        int n = 0;
        while (n < max && b[p + n] == b[q + n]) {
            n++;
        }
        return n;
    }

    /**
     * The longest match at {@code pos} of {@code b[start, start + length)} as {@code length << 32 |
     * offset}, the nearest of the longest; 0 when there is none of 3 or more.
     */
    static long longest(byte[] b, int start, int length, int pos) {
        int bestLen = 2;
        int bestOff = 0;
        int max = length - pos;
        for (int q = pos - 1; q >= 0; q--) {
            int len = common(b, start + pos, start + q, max);
            if (len > bestLen) {
                bestLen = len;
                bestOff = pos - q;
            }
        }
        return bestOff == 0 ? 0 : (long) bestLen << 32 | bestOff;
    }

    /** Small-alphabet data with many repeats at all distances. */
    static byte[] repetitive(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            if (i > 20 && r.nextInt(3) == 0) {
                int src = r.nextInt(i - 1);
                int len = Math.min(n - i, 1 + r.nextInt(12));
                for (int j = 0; j < len; j++) {
                    b[i + j] = b[src + j];
                }
                i += len - 1;
            } else {
                b[i] = (byte) ('a' + r.nextInt(4));
            }
        }
        return b;
    }
}
