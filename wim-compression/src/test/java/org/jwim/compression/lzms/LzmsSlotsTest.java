package org.jwim.compression.lzms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The slot tables against values wimlib's tables hold (lzms_common.c). */
class LzmsSlotsTest {
    @Test
    void offsetSlots() {
        assertEquals(799, LzmsSlots.NUM_OFFSET_SLOTS);
        assertEquals(1, LzmsSlots.OFFSET_BASE[0]);
        assertEquals(0x0d, LzmsSlots.OFFSET_BASE[9]);
        assertEquals(0x2d, LzmsSlots.OFFSET_BASE[17]);
        assertEquals(0xe4a5, LzmsSlots.OFFSET_BASE[167]);
        assertEquals(11, LzmsSlots.OFFSET_EXTRA[167]);
        assertEquals(0x3de4a5, LzmsSlots.OFFSET_BASE[427]);
        assertEquals(16, LzmsSlots.OFFSET_EXTRA[427]);
        assertEquals(0x065be4a5, LzmsSlots.OFFSET_BASE[798]);
        assertEquals(30, LzmsSlots.OFFSET_EXTRA[798]);
        // The largest offset: the last base plus 30 bits of ones.
        assertEquals(1180427428L, LzmsSlots.OFFSET_BASE[798] + (1L << 30) - 1);
    }

    @Test
    void lengthSlots() {
        assertEquals(54, LzmsSlots.NUM_LENGTH_SLOTS);
        assertEquals(0x1b, LzmsSlots.LENGTH_BASE[26]);
        assertEquals(1, LzmsSlots.LENGTH_EXTRA[26]);
        assertEquals(0x8ab, LzmsSlots.LENGTH_BASE[52]);
        assertEquals(16, LzmsSlots.LENGTH_EXTRA[52]);
        assertEquals(0x108ab, LzmsSlots.LENGTH_BASE[53]);
        assertEquals(1073809578L, LzmsSlots.LENGTH_BASE[53] + (1L << 30) - 1);
    }

    @Test
    void slotLookupAndOffsetSlotsPerChunkSize() {
        assertEquals(0, LzmsSlots.offsetSlot(1));
        assertEquals(8, LzmsSlots.offsetSlot(0x0c));
        assertEquals(9, LzmsSlots.offsetSlot(0x0d));
        assertEquals(798, LzmsSlots.offsetSlot(1180427428L));
        assertEquals(53, LzmsSlots.lengthSlot(1073809578L));
        assertEquals(0, LzmsSlots.numOffsetSlots(1));
        assertEquals(1, LzmsSlots.numOffsetSlots(2));
        assertEquals(2, LzmsSlots.numOffsetSlots(3));
        // A 64 KiB chunk needs offsets up to 65535: slot of 65535 (base 0xe4a5 + ...) plus one.
        assertEquals(1 + LzmsSlots.offsetSlot(65535), LzmsSlots.numOffsetSlots(65536));
        assertEquals(799, LzmsSlots.numOffsetSlots(1 << 30));
    }
}
