package org.jwim.compression.lzms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.jwim.compression.CorruptChunkException;
import org.junit.jupiter.api.Test;

/**
 * The paths of the format that wimlib's chunks may not show, on chunks written item by item with
 * {@link LzmsTestEncoder}. Each expected output is the encoder's own account of the items (repeat
 * queues kept the wimlib way), and where it matters also worked out by hand.
 */
class LzmsCraftedChunkTest {

    private static byte[] decode(byte[] chunk, int outLen) throws CorruptChunkException {
        return decode(chunk, outLen, Math.max(1, outLen));
    }

    private static byte[] decode(byte[] chunk, int outLen, int maxChunkSize) throws CorruptChunkException {
        byte[] out = new byte[outLen];
        new LzmsDecompressor(maxChunkSize).decompress(chunk, 0, chunk.length, out, 0, outLen);
        return out;
    }

    /** Decodes the encoder's chunk and checks it against the encoder's account of the data. */
    private static byte[] roundTrip(LzmsTestEncoder e) throws CorruptChunkException {
        byte[] expected = e.expected();
        assertEquals(e.outLen, expected.length, "the codes were made for another chunk size");
        byte[] chunk = e.finish();
        assertEquals(0, chunk.length & 1, "chunks are whole 16-bit words");
        byte[] out = decode(chunk, expected.length);
        assertArrayEquals(expected, out);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decodesAOneByteChunk() throws Exception {
        byte[] chunk = new LzmsTestEncoder(1).literal('Z').finish();
        assertTrue(chunk.length >= 4);
        assertArrayEquals(new byte[] {'Z'}, decode(chunk, 1));
    }

    @Test
    void refusesChunksShorterThanFourBytes() {
        for (int n = 0; n < 4; n++) {
            byte[] chunk = new byte[n];
            CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(chunk, 1));
            assertEquals(0, e.offset());
        }
    }

    @Test
    void refusesChunksOfOddLength() throws Exception {
        byte[] chunk = new LzmsTestEncoder(3).literals(ascii("abc")).finish();
        assertArrayEquals(ascii("abc"), decode(chunk, 3));
        // LZMS is made of 16-bit words; wimlib and 7-Zip refuse an odd length, so do we.
        byte[] odd = Arrays.copyOf(chunk, chunk.length + 1);
        assertThrows(CorruptChunkException.class, () -> decode(odd, 3));
        byte[] shorter = Arrays.copyOf(chunk, chunk.length - 1);
        assertThrows(CorruptChunkException.class, () -> decode(shorter, 3));
    }

    @Test
    void aRepeatRightAfterAnExplicitMatchNamesTheEntryBehindIt() throws Exception {
        // After "abcdefgh", match offset 4 copies "efgh"; the queue is still {1,2,3,4} with 4
        // pending. Repeat index 0 right after it is queue entry 0 = offset 1 (not the pending 4):
        // it copies "hh". A decoder that inserted at once would copy "ef".
        LzmsTestEncoder e = new LzmsTestEncoder(14).literals(ascii("abcdefgh")).lz(4, 4).lzRep(0, 2);
        assertArrayEquals(ascii("abcdefghefghhh"), roundTrip(e));
        assertEquals(1, e.repeatLz);
    }

    @Test
    void repeatIndexesWithAndWithoutAMatchJustBefore() throws Exception {
        byte[] text = ascii("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        LzmsTestEncoder e = new LzmsTestEncoder(115).literals(text);
        e.lz(10, 3).lz(20, 4).lz(30, 5).literal('!')  // queue now 30 20 10 1, nothing pending
                .lzRep(2, 3).lzRep(2, 3).lzRep(1, 3)    // index 2 right after a match reaches entry 3
                .literal('?').lzRep(0, 4).lzRep(0, 4)   // rep 0 twice: the second one is the entry behind
                .lz(7, 2).lzRep(2, 5).literal('.').lzRep(1, 6).lzRep(2, 2).lzRep(1, 3).lzRep(0, 3);
        roundTrip(e);
        assertEquals(10, e.repeatLz);
    }

    @Test
    void deltaMatchesExtendAPatternOfSpanWideSteps() throws Exception {
        // 16-bit samples 10, 11: a delta match with span 2 and offset 2 continues the ramp.
        LzmsTestEncoder e = new LzmsTestEncoder(12).literals(new byte[] {10, 0, 11, 0}).delta(1, 1, 8);
        assertArrayEquals(new byte[] {10, 0, 11, 0, 12, 0, 13, 0, 14, 0, 15, 0}, roundTrip(e));
    }

    @Test
    void deltaRepeatsAndTheirDelayedQueue() throws Exception {
        Random rnd = new Random(7);
        byte[] start = new byte[300];
        for (int i = 0; i < start.length; i++) {
            start[i] = (byte) (i * 3 + rnd.nextInt(4));
        }
        LzmsTestEncoder e = new LzmsTestEncoder(300 + 77).literals(start);
        e.delta(1, 3, 10).deltaRep(0, 5)          // right after: the entry behind, (0, 1)
                .literal(5).deltaRep(0, 7)           // after a literal: the latest, (1, 3)
                .delta(2, 4, 9).delta(0, 17, 4).deltaRep(2, 6).deltaRep(1, 3)
                .lz(5, 5).deltaRep(0, 8).deltaRep(2, 4).delta(7, 1, 12).deltaRep(0, 3);
        roundTrip(e);
        assertEquals(4, e.explicitDelta);
        assertEquals(7, e.repeatDelta);
    }

    @Test
    void rebuildsEachCodeExactlyAtItsInterval() throws Exception {
        // Skewed symbols make every rebuilt code differ from the one before; a decoder rebuilding
        // one symbol early or late reads garbage from there on.
        for (int literals : new int[] {1023, 1024, 1025, 2047, 2048, 2049, 5000}) {
            Random rnd = new Random(literals);
            LzmsTestEncoder e = new LzmsTestEncoder(literals);
            for (int i = 0; i < literals; i++) {
                e.literal(rnd.nextInt(10) < 7 ? 'a' + rnd.nextInt(3) : 'a' + rnd.nextInt(26));
            }
            roundTrip(e);
            assertEquals(literals, e.literals);
        }
        for (int matches : new int[] {511, 512, 513, 1023, 1024, 1025, 1536}) {
            // Lengths and offsets mostly small (codes of skewed symbols), now and then large.
            Random rnd = new Random(matches);
            int[] len = new int[matches];
            int[] off = new int[matches];
            int produced = 36;
            for (int i = 0; i < matches; i++) {
                len[i] = rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(300) : 2 + rnd.nextInt(6);
                off[i] = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(produced) : 1 + rnd.nextInt(Math.min(produced, 40));
                produced += len[i];
            }
            LzmsTestEncoder e = new LzmsTestEncoder(produced).literals(ascii("abcdefghijklmnopqrstuvwxyz0123456789"));
            for (int i = 0; i < matches; i++) {
                e.lz(off[i], len[i]);
            }
            roundTrip(e);
            assertEquals(matches, e.explicitLz);
        }
        for (int deltas : new int[] {511, 512, 513, 1025}) {
            Random rnd = new Random(deltas);
            byte[] start = new byte[512];
            rnd.nextBytes(start);
            int[] power = new int[deltas];
            int[] raw = new int[deltas];
            int[] len = new int[deltas];
            int produced = start.length;
            for (int i = 0; i < deltas; i++) {
                power[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(8) : 1;
                raw[i] = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 64 >> Math.min(power[i], 5) : 2);
                len[i] = 1 + rnd.nextInt(12);
                produced += len[i];
            }
            LzmsTestEncoder e = new LzmsTestEncoder(produced).literals(start);
            for (int i = 0; i < deltas; i++) {
                e.delta(power[i], raw[i], len[i]);
            }
            roundTrip(e);
            assertEquals(deltas, e.explicitDelta);
        }
    }

    @Test
    void decodesLengthsOfTheLongestSlots() throws Exception {
        // 100000 is in the last length slot (base 67755, 30 extra bits); the second match runs to
        // the very end of the chunk.
        LzmsTestEncoder e = new LzmsTestEncoder(100_001 + 5000).literal('q').lz(1, 100_000).literal('r').lz(2, 4999);
        byte[] out = roundTrip(e);
        assertEquals(53, LzmsSlots.lengthSlot(100_000));
        assertEquals('q', out[100_000]);
        assertEquals('r', out[100_001]);
        assertEquals('q', out[out.length - 1]);
    }

    @Test
    void anOffsetMayReachTheFirstByteButNotBeforeIt() throws Exception {
        byte[] ok = new LzmsTestEncoder(5).literals(ascii("xyz")).lz(3, 2).finish();
        assertArrayEquals(ascii("xyzxy"), decode(ok, 5));
        byte[] before = new LzmsTestEncoder(5, false).literals(ascii("xyz")).lz(4, 2).finish();
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(before, 5));
        assertTrue(e.offset() >= 0 && e.offset() < before.length, "offset " + e.offset());

        // Delta matches read offset + span bytes back.
        byte[] deltaOk = new LzmsTestEncoder(6).literals(ascii("abcd")).delta(1, 1, 2).finish();
        decode(deltaOk, 6);
        byte[] deltaBefore = new LzmsTestEncoder(6, false).literals(ascii("abcd")).delta(1, 2, 2).finish();
        assertThrows(CorruptChunkException.class, () -> decode(deltaBefore, 6));
        // A repeat from the initial queue (offset 1) as the very first item.
        byte[] repFirst = new LzmsTestEncoder(4, false).lzRep(0, 4).finish();
        assertThrows(CorruptChunkException.class, () -> decode(repFirst, 4));
    }

    @Test
    void refusesAMatchRunningPastTheEnd() throws Exception {
        byte[] chunk = new LzmsTestEncoder(5, false).literals(ascii("ab")).lz(1, 4).finish();
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(chunk, 5));
        assertTrue(e.offset() >= 0 && e.offset() < chunk.length, "offset " + e.offset());
        byte[] fits = new LzmsTestEncoder(5).literals(ascii("ab")).lz(1, 3).finish();
        assertArrayEquals(ascii("abbbb"), decode(fits, 5));
    }

    @Test
    void decodesOffsetsOfTheLargestSlotInAHugeChunk() throws Exception {
        // Offsets from 0x065BE4A5 (106685605) on use the last slot, with 30 extra bits: a chunk
        // must be larger than that to have it at all.
        int size = 110_000_000;
        int maxChunkSize = 1 << 27;
        int fill = 107_000_000;
        assertEquals(LzmsSlots.NUM_OFFSET_SLOTS, LzmsSlots.numOffsetSlots(size));
        assertEquals(LzmsSlots.NUM_OFFSET_SLOTS - 1, LzmsSlots.offsetSlot(fill + 2));
        int tail = size - (fill + 2) - 1 - 2;
        LzmsTestEncoder e = new LzmsTestEncoder(size, false).literals(ascii("ab")).lz(1, fill).literal('c')
                .lz(fill + 3, 2).lz(1, tail);
        byte[] chunk = e.finish();
        byte[] out = decode(chunk, size, maxChunkSize);
        assertEquals('a', out[0]);
        for (int i : new int[] {1, 2, fill, fill + 1}) {
            assertEquals('b', out[i], "at " + i);
        }
        assertEquals('c', out[fill + 2]);
        assertEquals('a', out[fill + 3]);
        assertEquals('b', out[fill + 4]);
        assertEquals('b', out[size - 1]);

        byte[] tooFar = new LzmsTestEncoder(size, false).literals(ascii("ab")).lz(1, fill).literal('c')
                .lz(fill + 4, 2).lz(1, tail).finish();
        assertThrows(CorruptChunkException.class, () -> decode(tooFar, size, maxChunkSize));
    }
}
