package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxTestEncoder.Item.lit;
import static org.jwim.compression.lzx.LzxTestEncoder.Item.match;
import static org.jwim.compression.lzx.LzxTestEncoder.Item.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.lzx.LzxTestEncoder.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paths of the format that wimlib's fixtures may not take, on chunks crafted bit by bit. */
class LzxEdgeCaseTest {
    private static final int K32 = 32768;

    private static byte[] decode(int chunkSize, byte[] compressed, int outLen) throws CorruptChunkException {
        byte[] out = new byte[outLen];
        new LzxDecompressor(chunkSize).decompress(compressed, 0, compressed.length, out, 0, outLen);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<Item> items(Object... parts) {
        List<Item> l = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) {
                l.addAll(LzxTestEncoder.literals(ascii(s)));
            } else {
                l.add((Item) p);
            }
        }
        return l;
    }

    // --- uncompressed blocks -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 6, 255, 256})
    void uncompressedBlocksOfOddAndEvenSizesThenAVerbatimBlock(int size) throws Exception {
        byte[] raw = new byte[size];
        for (int i = 0; i < size; i++) {
            raw[i] = (byte) ('a' + i % 26);
        }
        // R0 = 3 from the uncompressed header: the verbatim block repeats it.
        LzxTestEncoder enc = new LzxTestEncoder(K32).uncompressed(raw, 3, 7, 9);
        enc.verbatim(items("XYZ", repeat(4, 0)));
        byte[] expected = Arrays.copyOf(raw, size + 7);
        System.arraycopy(ascii("XYZXYZX"), 0, expected, size, 7);
        assertArrayEquals(expected, decode(K32, enc.finish(), size + 7));
    }

    @Test
    void recentOffsetsComeFromTheUncompressedHeader() throws Exception {
        byte[] raw = ascii("0123456789");
        LzxTestEncoder enc = new LzxTestEncoder(K32).uncompressed(raw, 10, 4, 7);
        enc.verbatim(items(repeat(2, 0), repeat(2, 1), repeat(2, 2)));
        // R0=10 -> "01"; R1=4 swaps with R0 -> offset 4 from position 12: "89"... computed by hand:
        // pos 10,11 <- 0,1 ; R={10,4,7}; slot1: offset 4, R={4,10,7}: pos 12,13 <- pos 8,9 = "89";
        // slot2: offset 7, R={7,10,4}: pos 14,15 <- pos 7,8 = "78".
        assertArrayEquals(ascii("0123456789018978"), decode(K32, enc.finish(), 16));
    }

    @Test
    void anUncompressedHeaderAlreadyOnAWordBoundarySkipsAWholeWord() throws Exception {
        // Literals from a 2-symbol code cost 1 bit each: pad the verbatim block until the next
        // block's header ends on a word boundary.
        boolean found = false;
        for (int n = 1; n <= 16 && !found; n++) {
            LzxTestEncoder enc = new LzxTestEncoder(K32);
            byte[] lits = new byte[n];
            for (int i = 0; i < n; i++) {
                lits[i] = (byte) (i % 2 == 0 ? 'a' : 'b');
            }
            enc.verbatim(LzxTestEncoder.literals(lits));
            enc.uncompressed(ascii("tail"), 1, 1, 1);
            if (!enc.lastUncompressedWasAligned) {
                continue;
            }
            found = true;
            byte[] expected = Arrays.copyOf(lits, n + 4);
            System.arraycopy(ascii("tail"), 0, expected, n, 4);
            assertArrayEquals(expected, decode(K32, enc.finish(), n + 4));
        }
        assertTrue(found, "no literal count put the header on a word boundary");
    }

    @Test
    void aMissingPadByteAtTheVeryEndIsTolerated() throws Exception {
        byte[] raw = ascii("odd");
        byte[] c = new LzxTestEncoder(K32).uncompressed(raw, 1, 1, 1).finish();
        byte[] cut = Arrays.copyOf(c, c.length - 1);
        assertArrayEquals(raw, decode(K32, cut, 3));
    }

    @Test
    void anUncompressedBlockReachingPastTheInputIsRefused() {
        byte[] c = new LzxTestEncoder(K32).uncompressed(ascii("abcdef"), 1, 1, 1).finish();
        for (int cut = 1; cut <= 6; cut++) {
            byte[] t = Arrays.copyOf(c, c.length - cut);
            assertThrows(CorruptChunkException.class, () -> decode(K32, t, 6));
        }
    }

    @Test
    void aRecentOffsetOfZeroInAnUncompressedHeaderIsRefused() {
        byte[] c = new LzxTestEncoder(K32).uncompressed(ascii("ab"), 1, 0, 1).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, c, 2));
    }

    @Test
    void hugeRecentOffsetsFromAnUncompressedHeaderAreRefusedWhenUsed() throws Exception {
        LzxTestEncoder enc = new LzxTestEncoder(K32).uncompressed(ascii("ab"), 0x80000001, 2, 1);
        byte[] ok = new LzxTestEncoder(K32).uncompressed(ascii("ab"), 0x80000001, 2, 1)
                .verbatim(items(repeat(2, 1))).finish();
        assertArrayEquals(ascii("abab"), decode(K32, ok, 4));
        byte[] bad = enc.verbatim(items(repeat(2, 0))).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, bad, 4));
    }

    // --- aligned blocks, several blocks, block sizes ---------------------------------------

    @Test
    void alignedOffsetBlocksTakeTheLowOffsetBitsFromTheAlignedCode() throws Exception {
        byte[] text = new byte[3000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('A' + (i * 7 + i / 13) % 23);
        }
        List<Item> list = new ArrayList<>(LzxTestEncoder.literals(text));
        // Offsets with 0, 1, 2 extra bits (no aligned symbol), 3 (aligned only) and more.
        int[] offsets = {1, 2, 3, 5, 9, 14, 30, 100, 1000, 2055, 2998};
        for (int off : offsets) {
            list.add(match(5, off));
        }
        LzxTestEncoder enc = new LzxTestEncoder(K32).aligned(list);
        byte[] expected = LzxTestEncoder.expand(new byte[0], list, new int[] {1, 1, 1});
        assertArrayEquals(expected, decode(K32, enc.finish(), expected.length));
    }

    @Test
    void severalBlocksOfEachTypeCarryCodeLengthsAsDeltas() throws Exception {
        List<Item> first = items("the quick brown fox jumps over the lazy dog; ", match(20, 45), repeat(9, 0));
        List<Item> second = items("THE LAZY DOG; ", match(30, 14), match(12, 74), "zzzz", repeat(260 - 258, 1));
        List<Item> third = items("the quick brown fox again ", match(40, 26));
        LzxTestEncoder enc = new LzxTestEncoder(K32).verbatim(first).aligned(second);
        enc.uncompressed(ascii("raw!"), 5, 6, 7).verbatim(third);
        assertTrue(enc.deltasAgainstNonzero > 0, "later blocks coded against the earlier lengths");
        int[] recent = {1, 1, 1};
        byte[] a = LzxTestEncoder.expand(new byte[0], first, recent);
        byte[] b = LzxTestEncoder.expand(a, second, recent);
        byte[] c = Arrays.copyOf(b, b.length + 4);
        System.arraycopy(ascii("raw!"), 0, c, b.length, 4);
        byte[] expected = LzxTestEncoder.expand(c, third, new int[] {5, 6, 7});
        assertArrayEquals(expected, decode(K32, enc.finish(), expected.length));
    }

    @Test
    void aRepeatedBlockIsAllZeroDeltas() throws Exception {
        List<Item> list = items("delta coded lengths, ", match(12, 7), "again");
        LzxTestEncoder enc = new LzxTestEncoder(K32).verbatim(list);
        int before = enc.deltasAgainstNonzero;
        enc.verbatim(list);
        // Every used symbol of the second block is coded as "same as before" (delta 0 against a
        // nonzero length): a decoder starting the second block from zeros would read length 0.
        assertTrue(enc.deltasAgainstNonzero - before >= 15, "deltas " + (enc.deltasAgainstNonzero - before));
        byte[] once = LzxTestEncoder.expand(new byte[0], list, new int[] {1, 1, 1});
        byte[] expected = LzxTestEncoder.expand(once, list, new int[] {7, 1, 1});
        assertArrayEquals(expected, decode(K32, enc.finish(), expected.length));
    }

    @Test
    void theDefaultSizeBitMeans32768() throws Exception {
        List<Item> list = items("ab", match(255, 2));
        while (list.stream().mapToInt(Item::outputLength).sum() < K32 - 257) {
            list.add(match(257, 2));
        }
        int left = K32 - list.stream().mapToInt(Item::outputLength).sum();
        list.add(match(left, 2));
        LzxTestEncoder enc = new LzxTestEncoder(K32);
        enc.block(LzxConstants.BLOCKTYPE_VERBATIM, list, -1, true);
        assertTrue(enc.usedDefaultSizeBit);
        byte[] out = decode(K32, enc.finish(), K32);
        for (int i = 0; i < K32; i++) {
            assertEquals(i % 2 == 0 ? 'a' : 'b', out[i]);
        }
    }

    @Test
    void blockSizesAre16BitsIn32KWindowsAnd24BitsFrom64K() throws Exception {
        // Same items; the 64 KiB stream has 8 more header bits.
        List<Item> list = items("xy", match(200, 2));
        byte[] c32 = new LzxTestEncoder(K32).verbatim(list).finish();
        byte[] c64 = new LzxTestEncoder(1 << 16).verbatim(list).finish();
        byte[] expected = LzxTestEncoder.expand(new byte[0], list, new int[] {1, 1, 1});
        assertArrayEquals(expected, decode(K32, c32, expected.length));
        assertArrayEquals(expected, decode(1 << 16, c64, expected.length));
        // A block over 65535 bytes needs the high byte of the 24-bit size.
        List<Item> big = items("pq");
        for (int i = 0; i < 300; i++) {
            big.add(match(257, 2));
        }
        byte[] expectedBig = LzxTestEncoder.expand(new byte[0], big, new int[] {1, 1, 1});
        assertTrue(expectedBig.length > 65535);
        byte[] c1m = new LzxTestEncoder(1 << 20).verbatim(big).finish();
        assertArrayEquals(expectedBig, decode(1 << 20, c1m, expectedBig.length));
        // The 32 KiB decoder reads 16 bits: the 64 KiB stream does not decode as the same thing.
        assertFalse(decodesTo(K32, c64, expected));
    }

    private static boolean decodesTo(int chunkSize, byte[] c, byte[] expected) {
        try {
            return Arrays.equals(expected, decode(chunkSize, c, expected.length));
        } catch (CorruptChunkException e) {
            return false;
        }
    }

    // --- matches ---------------------------------------------------------------------------

    @Test
    void recentOffsetsSwapWithR0InsteadOfMovingToTheFront() throws Exception {
        String lead = "abcdefghijklmnopqrstuvwxyz0123456789";
        // Explicit offsets 10, 20, 30 leave R0=30, R1=20, R2=10.
        List<Item> list = items(lead, match(3, 10), match(3, 20), match(3, 30),
                repeat(3, 2), // offset 10; swap: R0=10, R1=20, R2=30 (an LRU would give R2=20)
                repeat(3, 2), // offset 30 with the swap rule, 20 with an LRU
                repeat(3, 1)); // offset 20; R0=20, R1=30
        byte[] out = decode(K32, new LzxTestEncoder(K32).verbatim(list).finish(), lead.length() + 18);
        byte[] expected = Arrays.copyOf(ascii(lead), lead.length() + 18);
        int[] offsets = {10, 20, 30, 10, 30, 20};
        int op = lead.length();
        for (int off : offsets) {
            for (int k = 0; k < 3; k++, op++) {
                expected[op] = expected[op - off];
            }
        }
        assertArrayEquals(expected, out);
    }

    @Test
    void theLongestMatchIs257Bytes() throws Exception {
        byte[] out = decode(K32, new LzxTestEncoder(K32).verbatim(items("x", match(257, 1))).finish(), 258);
        byte[] expected = new byte[258];
        Arrays.fill(expected, (byte) 'x');
        assertArrayEquals(expected, out);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 15, 16, 17})
    void aMatchMayEndExactlyAtTheEndOfTheChunk(int offset) throws Exception {
        byte[] lead = Arrays.copyOf(ascii("0123456789abcdefghij"), offset);
        for (int len : new int[] {2, 3, 8, 9, 16, 17, 100, 257}) {
            List<Item> list = new ArrayList<>(LzxTestEncoder.literals(lead));
            list.add(match(len, offset));
            byte[] expected = LzxTestEncoder.expand(new byte[0], list, new int[] {1, 1, 1});
            byte[] c = new LzxTestEncoder(K32).verbatim(list).finish();
            assertArrayEquals(expected, decode(K32, c, expected.length), "length " + len);
            // Inside a larger output array the decoder still writes only its own region.
            byte[] big = new byte[expected.length + 16];
            Arrays.fill(big, (byte) 0x5C);
            new LzxDecompressor(K32).decompress(c, 0, c.length, big, 3, expected.length);
            assertArrayEquals(expected, Arrays.copyOfRange(big, 3, 3 + expected.length));
            for (int i = 3 + expected.length; i < big.length; i++) {
                assertEquals((byte) 0x5C, big[i]);
            }
        }
    }

    @Test
    void aMatchRunningPastItsBlockIsRefused() {
        // The block claims 5 bytes; the match makes 6.
        List<Item> list = items("ab", match(4, 2));
        byte[] c = new LzxTestEncoder(K32).block(LzxConstants.BLOCKTYPE_VERBATIM, list, 5, false).finish();
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(K32, c, 6));
        assertTrue(e.offset() > 0 && e.offset() <= c.length, "offset " + e.offset());
    }

    @Test
    void anOffsetReachingBeforeTheChunkStartIsRefused() {
        byte[] c = new LzxTestEncoder(K32).verbatim(items("abc", match(3, 4))).finish();
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(K32, c, 6));
        assertTrue(e.getMessage().contains("before the chunk start"), e.getMessage());
        // The initial recent offsets (1) reach before the start of an empty chunk too.
        byte[] r = new LzxTestEncoder(K32).verbatim(items(repeat(2, 0))).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, r, 2));
    }

    // --- E8 translation ----------------------------------------------------------------------

    @Test
    void e8TranslationIsUndoneExceptInTheLastTenBytes() throws Exception {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) 0x90);
        putCall(data, 20, -5);         // -i <= abs < 0: abs + 12000000
        putCall(data, 30, 12_000_000); // too large: left alone
        putCall(data, 40, 1000);       // 0 <= abs < 12000000: abs - i
        putCall(data, 45, 0x10);       // right after a translated call's target: a call too
        putCall(data, 60, -61);        // below -i: left alone
        data[62] = (byte) 0xE8;        // inside the target of the call at 60: not a call
        byte[] expected = data.clone();
        putInt(expected, 21, -5 + 12_000_000);
        putInt(expected, 41, 1000 - 40);
        putInt(expected, 46, 0x10 - 45);
        checkE8(data, expected);

        byte[] last = new byte[100];
        Arrays.fill(last, (byte) 0x90);
        putCall(last, 89, 16); // the last position that is translated: size - 11
        byte[] lastExpected = last.clone();
        putInt(lastExpected, 90, 16 - 89);
        checkE8(last, lastExpected);

        byte[] tail = new byte[100];
        Arrays.fill(tail, (byte) 0x90);
        putCall(tail, 90, 16); // in the last 10 bytes: left alone
        tail[95] = (byte) 0xE8;
        checkE8(tail, tail.clone());
    }

    /** As an uncompressed block and as literals: both must be translated back. */
    private static void checkE8(byte[] data, byte[] expected) throws Exception {
        byte[] c1 = new LzxTestEncoder(K32).uncompressed(data, 1, 1, 1).finish();
        assertArrayEquals(expected, decode(K32, c1, data.length));
        byte[] c2 = new LzxTestEncoder(K32).verbatim(LzxTestEncoder.literals(data)).finish();
        assertArrayEquals(expected, decode(K32, c2, data.length));
    }

    @Test
    void chunksOfTenBytesOrLessAreNotTranslated() throws Exception {
        byte[] data = {(byte) 0xE8, 1, 0, 0, 0, (byte) 0xE8, 2, 0, 0, 0};
        for (int n = 1; n <= 10; n++) {
            byte[] d = Arrays.copyOf(data, n);
            assertArrayEquals(d, decode(K32, new LzxTestEncoder(K32).uncompressed(d, 1, 1, 1).finish(), n));
        }
        byte[] eleven = Arrays.copyOf(data, 11);
        byte[] expected = eleven.clone();
        putInt(expected, 1, 1); // position 0: abs 1 -> rel 1
        assertArrayEquals(expected, decode(K32, new LzxTestEncoder(K32).uncompressed(eleven, 1, 1, 1).finish(), 11));
    }

    private static void putCall(byte[] b, int at, int target) {
        b[at] = (byte) 0xE8;
        putInt(b, at + 1, target);
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    // --- sizes and windows ---------------------------------------------------------------------

    @Test
    void aOneByteChunk() throws Exception {
        assertArrayEquals(ascii("Q"), decode(K32, new LzxTestEncoder(K32).verbatim(items("Q")).finish(), 1));
        byte[] raw = new LzxTestEncoder(K32).uncompressed(ascii("Q"), 1, 1, 1).finish();
        assertArrayEquals(ascii("Q"), decode(K32, raw, 1));
        assertArrayEquals(ascii("Q"), decode(1 << 21, new LzxTestEncoder(1 << 21).verbatim(items("Q")).finish(), 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1 << 15, 1 << 16, 1 << 20, 1 << 21})
    void everyWindowReachesItsFarthestOffsetSlot(int window) throws Exception {
        int numSlots = LzxConstants.numOffsetSlots(LzxConstants.windowOrder(window));
        int farthest = LzxConstants.SLOT_BASE[numSlots - 1] - LzxConstants.OFFSET_ADJUSTMENT;
        // Fill up to the farthest offset the last slot can start at, then copy from the start.
        List<Item> list = items("start!");
        int size = 6;
        while (size < farthest) {
            int len = Math.min(257, farthest - size);
            if (len < 2) {
                list.add(lit('.'));
                size++;
                continue;
            }
            list.add(match(len, 6));
            size += len;
        }
        list.add(match(6, farthest));
        byte[] expected = LzxTestEncoder.expand(new byte[0], list, new int[] {1, 1, 1});
        assertTrue(expected.length <= window);
        byte[] c = new LzxTestEncoder(window).verbatim(list).finish();
        byte[] out = decode(window, c, expected.length);
        assertArrayEquals(expected, out);
        assertArrayEquals(ascii("start!"), Arrays.copyOfRange(out, out.length - 6, out.length));
    }

    @Test
    void decoderAndWindowMustAgree() {
        assertEquals(30, LzxConstants.numOffsetSlots(15));
        assertEquals(32, LzxConstants.numOffsetSlots(16));
        assertEquals(42, LzxConstants.numOffsetSlots(20));
        assertEquals(50, LzxConstants.numOffsetSlots(21));
        assertEquals(496, LzxConstants.numMainSymbols(15));
        assertEquals(15, LzxConstants.windowOrder(1));
        assertEquals(15, LzxConstants.windowOrder(32768));
        assertEquals(16, LzxConstants.windowOrder(32769));
        assertEquals(21, LzxConstants.windowOrder(1 << 21));
        assertThrows(IllegalArgumentException.class, () -> new LzxDecompressor(0));
        assertThrows(IllegalArgumentException.class, () -> new LzxDecompressor((1 << 21) + 1));
    }

    // --- refused headers -------------------------------------------------------------------------

    @Test
    void blockSizeZeroIsRefused() {
        byte[] c = new LzxTestEncoder(K32).block(LzxConstants.BLOCKTYPE_VERBATIM, items("a"), 0, false).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, c, 1));
        byte[] u = new LzxTestEncoder(K32).header(LzxConstants.BLOCKTYPE_UNCOMPRESSED, 0, false)
                .uncompressedBody(new byte[0], 1, 1, 1).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, u, 1));
    }

    @Test
    void aBlockPastTheOutputEndIsRefused() {
        byte[] c = new LzxTestEncoder(K32).verbatim(items("abcd")).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, c, 3));
        byte[] d = new LzxTestEncoder(K32).block(LzxConstants.BLOCKTYPE_VERBATIM, items("a"), K32, true).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, d, 100));
    }

    @Test
    void manySmallBlocksEndWithTheOutput() throws Exception {
        LzxTestEncoder enc = new LzxTestEncoder(K32);
        byte[] expected = new byte[2000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) ('a' + i % 3);
            enc.verbatim(items(String.valueOf((char) expected[i])));
        }
        byte[] c = enc.finish();
        assertArrayEquals(expected, decode(K32, c, expected.length));
        // Asked for fewer bytes, the decoder stops at the output end and does not look further.
        assertArrayEquals(Arrays.copyOf(expected, 10), decode(K32, c, 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 5, 6, 7})
    void unknownBlockTypesAreRefused(int type) {
        byte[] c = new LzxTestEncoder(K32).block(type == 0 ? 0 : type, items("abc"), -1, false).finish();
        assertThrows(CorruptChunkException.class, () -> decode(K32, c, 3));
    }

    @Test
    void overSubscribedCodesAreRefused() {
        // Pretree: 20 lengths of 1. Main and aligned codes are built from pretree/raw lengths.
        LzxBitWriter w = new LzxBitWriter().bits(LzxConstants.BLOCKTYPE_VERBATIM, 3).bits(1, 1);
        for (int i = 0; i < 20; i++) {
            w.bits(1, 4);
        }
        byte[] pre = Arrays.copyOf(w.toByteArray(), 64);
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(K32, pre, K32));
        assertTrue(e.getMessage().contains("pretree"), e.getMessage());

        // Aligned code: eight lengths of 1.
        LzxBitWriter a = new LzxBitWriter().bits(LzxConstants.BLOCKTYPE_ALIGNED, 3).bits(1, 1);
        for (int i = 0; i < 8; i++) {
            a.bits(1, 3);
        }
        byte[] al = Arrays.copyOf(a.toByteArray(), 64);
        e = assertThrows(CorruptChunkException.class, () -> decode(K32, al, K32));
        assertTrue(e.getMessage().contains("aligned"), e.getMessage());

        // Main code: every literal gets length 1 (pretree: only symbol 16, "old - 16 mod 17 = 1").
        LzxBitWriter m = new LzxBitWriter().bits(LzxConstants.BLOCKTYPE_VERBATIM, 3).bits(1, 1);
        for (int part = 0; part < 2; part++) {
            for (int i = 0; i < 20; i++) {
                m.bits(i == 16 || i == 15 ? 1 : 0, 4); // symbols 15 and 16 with length 1
            }
            int count = part == 0 ? 256 : 240;
            for (int i = 0; i < count; i++) {
                m.bits(1, 1); // symbol 16 (code '1'): length (0 - 16) mod 17 = 1
            }
        }
        byte[] mc = Arrays.copyOf(m.toByteArray(), 256);
        e = assertThrows(CorruptChunkException.class, () -> decode(K32, mc, K32));
        assertTrue(e.getMessage().contains("main"), e.getMessage());
    }

    @Test
    void outputLargerThanTheChunkSizeIsRefused() {
        byte[] c = new LzxTestEncoder(K32).verbatim(items("a")).finish();
        CorruptChunkException e = assertThrows(CorruptChunkException.class,
                () -> new LzxDecompressor(K32).decompress(c, 0, c.length, new byte[K32 + 1], 0, K32 + 1));
        assertEquals(0, e.offset());
    }

    @Test
    void anEmptyOutputNeedsNoInput() throws Exception {
        new LzxDecompressor(K32).decompress(new byte[0], 0, 0, new byte[0], 0, 0);
    }

    @Test
    void emptyInputIsRefused() {
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(K32, new byte[0], 1));
        assertTrue(e.offset() >= 0);
    }
}
