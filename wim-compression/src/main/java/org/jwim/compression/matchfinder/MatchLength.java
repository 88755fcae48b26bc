package org.jwim.compression.matchfinder;

import org.jwim.compression.LittleEndian;

/** Measuring how far two sequences of one buffer agree, eight bytes at a time. */
public final class MatchLength {
    private MatchLength() {
    }

    /**
     * How many bytes {@code buf[cur ..]} and {@code buf[match ..]} have in common, knowing that
     * the first {@code len} agree, and stopping at {@code max}. Reads nothing at or past
     * {@code cur + max} nor {@code match + max}.
     */
    public static int extend(byte[] buf, int cur, int match, int len, int max) {
        while (len <= max - Long.BYTES) {
            long diff = LittleEndian.getLong(buf, cur + len) ^ LittleEndian.getLong(buf, match + len);
            if (diff != 0) {
                // Little-endian: the first differing byte holds the lowest set bit.
                return len + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            len += Long.BYTES;
        }
        while (len < max && buf[cur + len] == buf[match + len]) {
            len++;
        }
        return len;
    }
}
