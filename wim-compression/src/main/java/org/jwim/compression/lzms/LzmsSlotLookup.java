package org.jwim.compression.lzms;

/**
 * Constant-time offset and length slots for the encoder, which looks them up for every match it
 * prices. {@link LzmsSlots} finds them by binary search; here they come from tables.
 *
 * <p>Offsets are looked up in three tiers. Below the first slot with 11 extra bits every offset
 * has its own entry. From there every slot spans a multiple of 2^11 offsets, starting at that
 * slot's base, so one entry per 2^11 offsets is enough; likewise one entry per 2^16 offsets from
 * the first slot with 16 extra bits on.
 */
final class LzmsSlotLookup {
    /** Lengths up to this one have their slot (and, in the parsers, their cost) in a table. */
    static final int MAX_FAST_LENGTH = 255;

    private static final int TIER2_SHIFT = 11;
    private static final int TIER3_SHIFT = 16;
    /** First offsets of the second and third tiers. */
    private static final int TIER2_BASE = firstBaseWithExtraBits(TIER2_SHIFT);
    private static final int TIER3_BASE = firstBaseWithExtraBits(TIER3_SHIFT);
    private static final int MAX_OFFSET = LzmsSlots.OFFSET_BASE[LzmsSlots.NUM_OFFSET_SLOTS - 1]
            + (1 << LzmsSlots.OFFSET_EXTRA[LzmsSlots.NUM_OFFSET_SLOTS - 1]) - 1;

    private static final short[] TIER1 = new short[TIER2_BASE];
    private static final short[] TIER2 = new short[(TIER3_BASE - TIER2_BASE) >>> TIER2_SHIFT];
    private static final short[] TIER3 = new short[((MAX_OFFSET - TIER3_BASE) >>> TIER3_SHIFT) + 1];
    private static final byte[] LENGTH_SLOT = new byte[MAX_FAST_LENGTH + 1];

    static {
        for (int offset = 1; offset < TIER2_BASE; offset++) {
            TIER1[offset] = (short) LzmsSlots.offsetSlot(offset);
        }
        for (int i = 0; i < TIER2.length; i++) {
            TIER2[i] = (short) LzmsSlots.offsetSlot(TIER2_BASE + ((long) i << TIER2_SHIFT));
        }
        for (int i = 0; i < TIER3.length; i++) {
            TIER3[i] = (short) LzmsSlots.offsetSlot(TIER3_BASE + ((long) i << TIER3_SHIFT));
        }
        for (int len = 1; len <= MAX_FAST_LENGTH; len++) {
            LENGTH_SLOT[len] = (byte) LzmsSlots.lengthSlot(len);
        }
    }

    private LzmsSlotLookup() {
    }

    private static int firstBaseWithExtraBits(int bits) {
        int slot = 0;
        while (LzmsSlots.OFFSET_EXTRA[slot] < bits) {
            slot++;
        }
        return LzmsSlots.OFFSET_BASE[slot];
    }

    /** The slot of an offset from 1 to the largest LZMS offset. */
    static int offsetSlot(int offset) {
        if (offset < TIER2_BASE) {
            return TIER1[offset];
        }
        if (offset < TIER3_BASE) {
            return TIER2[(offset - TIER2_BASE) >>> TIER2_SHIFT];
        }
        return TIER3[(offset - TIER3_BASE) >>> TIER3_SHIFT];
    }

    /** The slot of a length of at least 1. */
    static int lengthSlot(int length) {
        return length <= MAX_FAST_LENGTH ? LENGTH_SLOT[length] : LzmsSlots.lengthSlot(length);
    }
}
