package org.jwim.compression.matchfinder;

/**
 * The multiplicative hash the match finders bucket sequences with: the top bits of the product
 * mix every input byte.
 */
public final class LzHash {
    private static final int MULTIPLIER = 0x1E35A7BD;

    private LzHash() {
    }

    /** A {@code bits}-bit hash (1 to 31) of the 32-bit value {@code seq}. */
    public static int hash(int seq, int bits) {
        return (seq * MULTIPLIER) >>> (32 - bits);
    }

    /** The same hash with its width given as {@code 32 - bits}. */
    public static int hashShift(int seq, int shift) {
        return (seq * MULTIPLIER) >>> shift;
    }
}
