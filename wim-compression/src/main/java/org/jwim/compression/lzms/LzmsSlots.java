package org.jwim.compression.lzms;

/**
 * The LZMS offset and length slots: a slot symbol stands for {@code base[slot]} plus
 * {@code extraBits[slot]} raw bits read after it.
 *
 * <p>Both tables are given by run lengths of extra-bit counts, as in the format notes (section
 * 14.3); the bases follow as {@code base(0) = 1, base(i+1) = base(i) + 2^extra(i)}.
 */
final class LzmsSlots {
    /** Offset slots for the largest offsets, 1 to 1180427428. */
    static final int NUM_OFFSET_SLOTS = 799;
    /** Length slots, lengths 1 to 1073809578. */
    static final int NUM_LENGTH_SLOTS = 54;
    /** The most extra bits any slot has. */
    static final int MAX_EXTRA_BITS = 30;

    /** {@code OFFSET_EXTRA_RUNS[k]} offset slots in a row have {@code k} extra bits. */
    private static final int[] OFFSET_EXTRA_RUNS = {
        8, 0, 9, 7, 10, 15, 15, 20, 20, 30, 33, 40, 42, 45, 60, 73,
        80, 85, 95, 105, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    };
    /** {@code LENGTH_EXTRA_RUNS[k]} length slots in a row have {@code k} extra bits. */
    private static final int[] LENGTH_EXTRA_RUNS = {
        26, 4, 6, 4, 5, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    };

    static final int[] OFFSET_BASE = new int[NUM_OFFSET_SLOTS];
    static final byte[] OFFSET_EXTRA = new byte[NUM_OFFSET_SLOTS];
    static final int[] LENGTH_BASE = new int[NUM_LENGTH_SLOTS];
    static final byte[] LENGTH_EXTRA = new byte[NUM_LENGTH_SLOTS];

    static {
        fill(OFFSET_EXTRA_RUNS, OFFSET_BASE, OFFSET_EXTRA);
        fill(LENGTH_EXTRA_RUNS, LENGTH_BASE, LENGTH_EXTRA);
    }

    private LzmsSlots() {
    }

    private static void fill(int[] runs, int[] base, byte[] extra) {
        int slot = 0;
        long value = 1;
        for (int bits = 0; bits < runs.length; bits++) {
            for (int n = runs[bits]; n > 0; n--) {
                base[slot] = (int) value;
                extra[slot] = (byte) bits;
                value += 1L << bits;
                slot++;
            }
        }
        if (slot != base.length) {
            throw new AssertionError("slot runs do not add up");
        }
    }

    /** The offset slot of {@code offset} (at least 1): the last slot whose base is not above it. */
    static int offsetSlot(long offset) {
        return slotOf(OFFSET_BASE, offset);
    }

    /** The length slot of {@code length} (at least 1). */
    static int lengthSlot(long length) {
        return slotOf(LENGTH_BASE, length);
    }

    private static int slotOf(int[] base, long value) {
        int lo = 0;
        int hi = base.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (base[mid] <= value) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Offset slots a chunk of {@code size} uncompressed bytes can use: enough for offsets up to
     * {@code size - 1}, so the offset codes of small chunks have fewer symbols.
     */
    static int numOffsetSlots(long size) {
        return size < 2 ? 0 : 1 + offsetSlot(size - 1);
    }
}
