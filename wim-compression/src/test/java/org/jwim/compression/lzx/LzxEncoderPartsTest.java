package org.jwim.compression.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.jwim.compression.LittleEndian;
import org.junit.jupiter.api.Test;

/** The LZX encoder's pieces against the decoder's: offset slots, E8 translation, code lengths, bit output. */
class LzxEncoderPartsTest {
    @Test
    void offsetSlotsAgreeWithTheSlotTable() {
        for (int slot = 0; slot < LzxConstants.MAX_OFFSET_SLOTS; slot++) {
            int first = LzxConstants.SLOT_BASE[slot];
            int last = first + (1 << LzxConstants.EXTRA_BITS[slot]) - 1;
            for (int f : new int[] {first, first + 1, (first + last) >>> 1, last - 1, last}) {
                if (f >= first && f <= last) {
                    assertEquals(slot, LzxOffsetSlots.slot(f), "formatted offset " + f);
                }
            }
        }
        for (int f = 0; f < 1 << 16; f++) {
            int s = LzxOffsetSlots.slot(f);
            assertTrue(LzxConstants.SLOT_BASE[s] <= f && f < LzxConstants.SLOT_BASE[s] + (1 << LzxConstants.EXTRA_BITS[s]));
        }
    }

    @Test
    void e8TranslationIsUndoneByTheDecodersFilter() {
        Random rnd = new Random(8);
        for (int round = 0; round < 300; round++) {
            int size = round < 20 ? round : 1 + rnd.nextInt(70_000);
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            // Many E8s, with targets near every boundary of the translation rule.
            for (int i = 0; i + 5 <= size; i += 1 + rnd.nextInt(12)) {
                data[i] = (byte) 0xE8;
                int v = switch (rnd.nextInt(6)) {
                    case 0 -> -i + rnd.nextInt(3) - 1;
                    case 1 -> LzxConstants.E8_TRANSLATION_SIZE - i + rnd.nextInt(3) - 1;
                    case 2 -> LzxConstants.E8_TRANSLATION_SIZE + rnd.nextInt(3) - 1;
                    case 3 -> rnd.nextInt(2 * size + 1) - size;
                    default -> rnd.nextInt();
                };
                LittleEndian.putInt(data, i + 1, v);
            }
            byte[] copy = Arrays.copyOf(data, size);
            LzxE8Translator.apply(copy, size);
            if (size > 100) {
                assertTrue(!Arrays.equals(copy, data), "something was translated");
            }
            LzxE8Filter.undo(copy, 0, size);
            assertArrayEquals(data, copy, "size " + size);
        }
    }

    @Test
    void e8TranslationMakesCallsToOneTargetAlike() {
        byte[] data = new byte[1000];
        // Calls at 100 and 600 to absolute target 5000: different relative values before.
        data[100] = (byte) 0xE8;
        LittleEndian.putInt(data, 101, 5000 - 100);
        data[600] = (byte) 0xE8;
        LittleEndian.putInt(data, 601, 5000 - 600);
        LzxE8Translator.apply(data, data.length);
        assertEquals(5000, LittleEndian.getInt(data, 101));
        assertEquals(5000, LittleEndian.getInt(data, 601));
        // No call starting in the last 10 bytes is touched.
        byte[] tail = new byte[20];
        tail[10] = (byte) 0xE8;
        LittleEndian.putInt(tail, 11, 7);
        LzxE8Translator.apply(tail, tail.length);
        assertEquals(7, LittleEndian.getInt(tail, 11));
        tail[9] = (byte) 0xE8;
        tail[10] = 0;
        LittleEndian.putInt(tail, 10, 7);
        LzxE8Translator.apply(tail, tail.length);
        assertEquals(7 + 9, LittleEndian.getInt(tail, 10));
    }

    @Test
    void codeLengthsReadBackAsWritten() throws Exception {
        Random rnd = new Random(19);
        LzxCodeLengthWriter writer = new LzxCodeLengthWriter(656);
        LzxCodeLengthReader reader = new LzxCodeLengthReader();
        for (int round = 0; round < 500; round++) {
            int count = 1 + rnd.nextInt(656);
            byte[] prev = randomLengths(rnd, count);
            byte[] lens = rnd.nextInt(4) == 0 ? prev.clone() : randomLengths(rnd, count);
            byte[] out = new byte[4096];
            LzxBitOutput bits = new LzxBitOutput();
            bits.reset(out, 0, out.length);
            writer.write(bits, lens, prev, 0, count);
            bits.add(0x5A5, 12);
            int size = bits.finish();
            assertTrue(size > 0);
            LzxBitReader in = new LzxBitReader();
            in.reset(out, 0, size);
            byte[] got = Arrays.copyOf(prev, count + LzxCodeLengthReader.MAX_OVERRUN);
            reader.read(in, got, 0, count);
            assertArrayEquals(lens, Arrays.copyOf(got, count), "round " + round);
            assertEquals(0x5A5, in.bits(12), "the stream goes on where the lengths end");
        }
    }

    /** Lengths 0-16 in runs, as real codes have them. */
    private static byte[] randomLengths(Random rnd, int count) {
        byte[] lens = new byte[count];
        int i = 0;
        while (i < count) {
            int run = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 60);
            byte v = (byte) (rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(17));
            for (int k = 0; k < run && i < count; k++) {
                lens[i++] = v;
            }
        }
        return lens;
    }

    @Test
    void bitOutputWritesWordsMostSignificantBitFirstAndStopsAtItsRoom() throws Exception {
        byte[] out = new byte[8];
        Arrays.fill(out, (byte) 0x77);
        LzxBitOutput bits = new LzxBitOutput();
        bits.reset(out, 1, 5);
        bits.write(0b101, 3);
        bits.write(0x1FFF, 13);
        bits.write(0xABCD, 16);
        assertEquals(4, bits.finish());
        assertEquals(0x77, out[0] & 0xFF);
        assertEquals(0xBFFF, LittleEndian.getU16(out, 1));
        assertEquals(0xABCD, LittleEndian.getU16(out, 3));
        assertEquals(0x77, out[5] & 0xFF);

        bits.reset(out, 1, 5);
        bits.write(1, 16);
        bits.write(2, 16);
        bits.write(3, 2);
        assertEquals(-1, bits.finish(), "a third word does not fit in 5 bytes");
        assertEquals(0x77, out[5] & 0xFF);
        assertTrue(bits.overflowed());
    }
}
