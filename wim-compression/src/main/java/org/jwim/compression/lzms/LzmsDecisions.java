package org.jwim.compression.lzms;

/**
 * The range-coded decisions of LZMS as the encoder keeps them: the eight decision classes, their
 * probability entries and the state that picks an entry in each class, with the cost of coding a
 * bit.
 *
 * <p>A probability entry is the history of the last 64 bits coded with it (newest in bit 0), as in
 * {@link LzmsDecompressor}: the chance of a 0 is the number of zeros, clamped to 1..63, out of 64.
 * The states of all eight classes (each the last few bits coded in its class) are packed in one
 * {@code long}, so a parser can keep one per position and copy it cheaply. A class is named by
 * its field constant: its bit position in that {@code long} (bits 16 and up), its width in bits
 * (bits 12 to 15) and where its entries start in the probability array (bits 0 to 11).
 */
final class LzmsDecisions {
    /** Literal (0) or match (1): 16 entries. */
    static final int MAIN = field(0, 4, 0);
    /** LZ (0) or delta (1) match: 32 entries. */
    static final int MATCH = field(4, 5, 16);
    /** LZ match with an explicit offset (0) or a repeat (1): 64 entries. */
    static final int LZ = field(9, 6, 48);
    /** Delta match with an explicit (power, offset) pair (0) or a repeat (1): 64 entries. */
    static final int DELTA = field(15, 6, 112);
    /** The two decisions that pick an LZ repeat index: 64 entries each. */
    static final int LZ_REP0 = field(21, 6, 176);
    static final int LZ_REP1 = field(27, 6, 240);
    /** The two decisions that pick a delta repeat index: 64 entries each. */
    static final int DELTA_REP0 = field(33, 6, 304);
    static final int DELTA_REP1 = field(39, 6, 368);
    /** Probability entries of all classes together. */
    static final int NUM_PROBS = 432;

    /** History of a fresh probability entry: 48 zeros among the last 64 bits. */
    static final long INITIAL_HISTORY = 0x0000000055555555L;

    /** Costs are in 1/64 bits. */
    static final int COST_SHIFT = 6;

    /** Clamped chance of a 0, by the number of ones in the history. */
    private static final int[] PROBABILITY = new int[65];
    /** Cost of coding a 0 and a 1, by the number of ones in the history. */
    private static final int[] COST0 = new int[65];
    private static final int[] COST1 = new int[65];

    static {
        for (int ones = 0; ones <= 64; ones++) {
            int p0 = Math.min(63, Math.max(1, 64 - ones));
            PROBABILITY[ones] = p0;
            COST0[ones] = bitCost(p0);
            COST1[ones] = bitCost(64 - p0);
        }
    }

    private LzmsDecisions() {
    }

    private static int field(int shift, int bits, int base) {
        return shift << 16 | bits << 12 | base;
    }

    /** -log2(p / 64) in 1/64 bits, rounded. */
    private static int bitCost(int p) {
        return (int) Math.round(-Math.log(p / 64.0) / Math.log(2) * (1 << COST_SHIFT));
    }

    /** The probability entry the states pick in a class. */
    static int entry(long states, int cls) {
        return (cls & 0xFFF) + (int) ((states >>> (cls >>> 16)) & ((1 << ((cls >>> 12) & 0xF)) - 1));
    }

    /** The states after coding {@code bit} in a class. */
    static long push(long states, int cls, int bit) {
        int shift = cls >>> 16;
        long mask = (1L << ((cls >>> 12) & 0xF)) - 1;
        long s = (((states >>> shift) << 1) | bit) & mask;
        return (states & ~(mask << shift)) | (s << shift);
    }

    /** Chance of a 0, out of 64. */
    static int probability(long history) {
        return PROBABILITY[Long.bitCount(history)];
    }

    static int cost0(long history) {
        return COST0[Long.bitCount(history)];
    }

    static int cost1(long history) {
        return COST1[Long.bitCount(history)];
    }

    static int cost(long history, int bit) {
        return bit == 0 ? cost0(history) : cost1(history);
    }
}
