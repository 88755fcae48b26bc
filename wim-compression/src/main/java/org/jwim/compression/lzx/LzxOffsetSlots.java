package org.jwim.compression.lzx;

/**
 * The offset slot of a formatted offset (real offset + 2, or 0-2 for a repeat), by arithmetic
 * on {@link LzxConstants#SLOT_BASE}'s shape: slots 0-3 hold one offset each; from slot 4 on,
 * each power of two is split into two slots, {@code 2*log2(f)} and the one after it, until the
 * extra bits reach 17 at slot 36; from 2^19 on, slots are 2^17 wide.
 */
final class LzxOffsetSlots {
    private static final int LINEAR_START = 1 << 19;

    private LzxOffsetSlots() {
    }

    static int slot(int formattedOffset) {
        if (formattedOffset < 4) {
            return formattedOffset;
        }
        if (formattedOffset < LINEAR_START) {
            int log = 31 - Integer.numberOfLeadingZeros(formattedOffset);
            return 2 * log + ((formattedOffset >>> (log - 1)) & 1);
        }
        return 34 + (formattedOffset >>> 17);
    }
}
