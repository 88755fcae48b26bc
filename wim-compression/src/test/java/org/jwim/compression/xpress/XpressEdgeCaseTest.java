package org.jwim.compression.xpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The format's edge cases, on chunks crafted with {@link XpressTestEncoder}. */
class XpressEdgeCaseTest {
    private static final int MAX = XpressDecompressor.MAX_CHUNK_SIZE;

    /** Decodes into the middle of a guarded buffer and checks the guards. */
    static byte[] decode(byte[] chunk, int outLen) throws CorruptChunkException {
        byte[] out = new byte[outLen + 64];
        Arrays.fill(out, (byte) 0xA5);
        new XpressDecompressor(MAX).decompress(chunk, 0, chunk.length, out, 32, outLen);
        for (int i = 0; i < 32; i++) {
            assertEquals((byte) 0xA5, out[i], "wrote before the output");
            assertEquals((byte) 0xA5, out[out.length - 1 - i], "wrote after the output");
        }
        return Arrays.copyOfRange(out, 32, 32 + outLen);
    }

    static void assertDecodes(XpressTestEncoder enc) throws CorruptChunkException {
        byte[] expected = enc.expected();
        assertArrayEquals(expected, decode(enc.finish(), expected.length));
    }

    static CorruptChunkException assertRefused(byte[] chunk, int outLen) {
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> decode(chunk, outLen));
        assertTrue(e.offset() >= 0 && e.offset() <= chunk.length, "offset " + e.offset() + " outside the chunk");
        return e;
    }

    static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static XpressTestEncoder uniform() {
        return new XpressTestEncoder(XpressTestEncoder.uniformLengths());
    }

    @Test
    void oneByteChunk() throws Exception {
        XpressTestEncoder enc = uniform().literal('A');
        byte[] chunk = enc.finish();
        assertArrayEquals(new byte[] {'A'}, decode(chunk, 1));
        byte[] out = new byte[1];
        new XpressDecompressor(1).decompress(chunk, 0, chunk.length, out, 0, 1);
        assertEquals('A', out[0]);
    }

    @Test
    void chunkOfExactly64KiBEndingInAMatch() throws Exception {
        XpressTestEncoder enc = uniform().literals(randomBytes(1, 30000)).match(20000, 29999);
        enc.literals(randomBytes(2, 15536 - 300)).match(300, 1000);
        assertEquals(MAX, enc.expected().length);
        assertDecodes(enc);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {3, 4, 10, 17, 18, 19, 100, 271, 272, 273, 274, 1000, 4096, 40000})
    void everyLengthEncoding(int length) throws Exception {
        // 3..17 in the symbol, 18..272 with one raw byte, 273.. with raw byte 255 and a u16;
        // the match is followed by literals so the raw bytes must be found mid-stream.
        XpressTestEncoder enc = uniform().literals(randomBytes(length, 40)).match(length, 37)
                .literals(randomBytes(-length, 50)).match(length / 2 + 3, 90);
        assertDecodes(enc);
    }

    @Test
    void rawLengthBytesLandWhereTheFormatsReaderExpectsThem() throws Exception {
        // A raw byte directly after the 256-byte table, before any word is complete.
        XpressTestEncoder enc = uniform().literal(7).match(100, 1).match(300, 1).literal(1).match(18, 2);
        assertDecodes(enc);
        // Long matches between literals, at every bit phase of the stream.
        for (int lead = 0; lead < 20; lead++) {
            XpressTestEncoder e = uniform().literals(randomBytes(lead, lead + 1));
            for (int i = 0; i < 12; i++) {
                e.match(18 + i * 61, 1 + (i % (lead + 1))).literal(i);
            }
            assertDecodes(e);
        }
    }

    @Test
    void lengthBytesAtTheVeryEndOfTheChunk() throws Exception {
        // The reader has run past the input (zero words) by the time it meets the match symbol;
        // the words it hands back must include those, and the length byte is the last byte.
        XpressTestEncoder enc = uniform().literal('a').match(100, 1);
        byte[] chunk = enc.finish();
        assertEquals(256 + 7, chunk.length);
        assertEquals(100 - 18, chunk[chunk.length - 1]);
        assertDecodes(enc);
        XpressTestEncoder u16 = uniform().literal('a').match(1000, 1);
        byte[] c2 = u16.finish();
        assertEquals(1000 - 3, LittleEndian.getU16(c2, c2.length - 2));
        assertDecodes(u16);
    }

    @Test
    void lengthInTheU16FormNeedNotBeLong() throws Exception {
        // wimlib accepts any u16 (length = u16 + 3); so does this decoder.
        XpressTestEncoder enc = uniform().literal('x').literal('y');
        enc.symbol(XpressTestEncoder.matchSymbol(15, 1)).rawByte(255).rawU16(5).bits(0, 1);
        assertArrayEquals("xyxyxyxyxy".getBytes(), decode(enc.finish(), 10));
    }

    @Test
    void longestMatchAChunkAllows() throws Exception {
        XpressTestEncoder enc = uniform().literal(0x42).match(MAX - 1, 1);
        byte[] out = decode(enc.finish(), MAX);
        byte[] expected = new byte[MAX];
        Arrays.fill(expected, (byte) 0x42);
        assertArrayEquals(expected, out);
        // The u16 form can say 65538, which no chunk has room for.
        XpressTestEncoder over = uniform().literal(0x42);
        over.symbol(XpressTestEncoder.matchSymbol(15, 0)).rawByte(255).rawU16(0xFFFF);
        assertRefused(over.finish(), MAX);
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 255, 256, 4095, 32768})
    void matchOffsets(int offset) throws Exception {
        // Lengths around the word size, far from and right at the end of the output.
        XpressTestEncoder enc = uniform().literals(randomBytes(offset, offset + 3));
        for (int len = 3; len < 40; len++) {
            enc.match(len, offset);
        }
        enc.match(Math.min(offset + 20, 300), offset).match(3, offset).match(9, offset).match(17, offset);
        assertDecodes(enc);
    }

    @Test
    void largestOffsetAChunkAllows() throws Exception {
        // With 3-byte matches, an offset of 65533 is the largest that fits a 64 KiB chunk.
        XpressTestEncoder enc = uniform().literals(randomBytes(3, MAX - 3)).match(3, MAX - 3);
        assertEquals(MAX, enc.expected().length);
        assertDecodes(enc);
        XpressTestEncoder k15 = uniform().literals(randomBytes(4, 40000)).match(3, 32768).match(3, 39999);
        assertDecodes(k15);
    }

    @Test
    void offsetBeforeTheStartIsRefused() throws Exception {
        assertDecodes(uniform().literal('a').literal('b').match(3, 2));
        XpressTestEncoder enc = uniform().literal('a').literal('b').match(3, 3);
        assertRefused(enc.finish(), 5);
        XpressTestEncoder far = uniform().literals(randomBytes(5, 100)).match(50, 65535);
        assertRefused(far.finish(), 150);
    }

    @Test
    void matchRunningPastTheEndOfTheOutputIsRefused() throws Exception {
        // wimlib's decoder refuses such a match rather than cutting it; so does this one.
        XpressTestEncoder enc = uniform().literals("abcdefgh".getBytes()).match(10, 8);
        byte[] chunk = enc.finish();
        assertDecodes(enc);
        assertRefused(chunk, 17);
        assertRefused(chunk, 9);
        // Only the bytes asked for are decoded: a shorter output ending on an item boundary is fine.
        assertArrayEquals("abcdefgh".getBytes(), decode(chunk, 8));
    }

    @Test
    void streamEndingEarlyIsRefused() throws Exception {
        XpressTestEncoder enc = uniform().literals(randomBytes(6, 500));
        byte[] chunk = enc.finish();
        // The flush padding decodes as literal 0 for a few symbols, then the input is gone.
        CorruptChunkException e = assertRefused(chunk, 600);
        assertEquals(chunk.length, e.offset());
        // Cut in the middle of the bit stream.
        assertRefused(Arrays.copyOf(chunk, 256 + 300), 500);
        // A raw length byte or u16 past the end.
        XpressTestEncoder longMatch = uniform().literal(1).match(300, 1);
        byte[] c2 = longMatch.finish();
        for (int cut = 256; cut < c2.length; cut++) {
            byte[] cutChunk = Arrays.copyOf(c2, cut);
            assertRefused(cutChunk, 301);
        }
    }

    @Test
    void chunkShorterThanItsLengthTableIsRefused() {
        CorruptChunkException e = assertRefused(new byte[255], 10);
        assertEquals(255, e.offset());
        assertRefused(new byte[0], 1);
    }

    @Test
    void codeWithNoCodewordsIsRefused() {
        // wimlib would decode every symbol as literal 0 without reading a bit; nothing can be
        // coded with an empty code, so this decoder calls the chunk corrupt.
        byte[] chunk = new byte[256 + 16];
        CorruptChunkException e = assertRefused(chunk, 100);
        assertEquals(0, e.offset());
    }

    @Test
    void overSubscribedCodeIsRefused() {
        byte[] lens = new byte[512];
        lens['a'] = 1;
        lens['b'] = 1;
        lens['c'] = 1;
        byte[] chunk = Arrays.copyOf(new XpressTestEncoder(XpressTestEncoder.uniformLengths()).finish(), 300);
        for (int i = 0; i < 256; i++) {
            chunk[i] = (byte) (lens[2 * i] | lens[2 * i + 1] << 4);
        }
        assertEquals(0, assertRefused(chunk, 10).offset());
        // One codeword too many at length 15.
        byte[] skew = XpressTestEncoder.skewedLengths(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        skew[16] = 15;
        byte[] c2 = Arrays.copyOf(new XpressTestEncoder(XpressTestEncoder.uniformLengths()).finish(), 300);
        for (int i = 0; i < 256; i++) {
            c2[i] = (byte) (skew[2 * i] | skew[2 * i + 1] << 4);
        }
        assertRefused(c2, 10);
    }

    @Test
    void incompleteCodeIsAccepted() throws Exception {
        // A lone literal with a 1-bit codeword: '0' is the literal, '1' is unused and decodes as
        // literal 0 (wimlib refuses incomplete codes; some encoders write them).
        byte[] lens = new byte[512];
        lens['z'] = 1;
        XpressTestEncoder enc = new XpressTestEncoder(lens).literal('z').literal('z').literal('z');
        assertArrayEquals("zzz".getBytes(), decode(enc.finish(), 3));
    }

    @Test
    void longCodewordsGoThroughTheSubtables() throws Exception {
        // Literals and matches with 12- to 15-bit codewords, longer than the first lookup.
        int m = XpressTestEncoder.matchSymbol(0, 2);
        int mLong = XpressTestEncoder.matchSymbol(15, 3);
        byte[] lens = XpressTestEncoder.skewedLengths(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 'q', 'r', m, 's', mLong);
        XpressTestEncoder enc = new XpressTestEncoder(lens).literal(1).literal(2).literal(3).literal(4);
        for (int i = 0; i < 50; i++) {
            enc.literal('q').literal('r').literal('s').match(3, 4 + (i & 3)).match(18 + i, 8 + (i & 7));
            enc.literal(1).literal(11);
        }
        assertDecodes(enc);
    }

    @Test
    void endOfDataSymbolIsOptionalAndAMatchMidStream() throws Exception {
        XpressTestEncoder without = uniform().literals("hello".getBytes());
        assertDecodes(without);
        XpressTestEncoder with = uniform().literals("hello".getBytes());
        with.symbol(256);
        assertArrayEquals("hello".getBytes(), decode(with.finish(), 5));
        // Not at the end, symbol 256 is a match of length 3 at offset 1, as wimlib reads it.
        XpressTestEncoder mid = uniform().literals("hello".getBytes());
        mid.symbol(256).literal('!');
        assertArrayEquals("helloooo!".getBytes(), decode(mid.finish(), 9));
    }

    @Test
    void outputSizesOutsideTheChunkSizeAreRefused() throws Exception {
        byte[] chunk = uniform().literal(1).finish();
        XpressDecompressor d = new XpressDecompressor(4096);
        CorruptChunkException e = assertThrows(CorruptChunkException.class,
                () -> d.decompress(chunk, 0, chunk.length, new byte[8192], 0, 4097));
        assertEquals(0, e.offset());
        assertThrows(CorruptChunkException.class, () -> d.decompress(chunk, 0, chunk.length, new byte[8], 0, -1));
        byte[] out = {9};
        d.decompress(chunk, 0, chunk.length, out, 0, 0);
        assertEquals(9, out[0]);
        assertThrows(IllegalArgumentException.class, () -> new XpressDecompressor(MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> new XpressDecompressor(0));
    }

    @Test
    void bytesAfterTheLastItemAreIgnored() throws Exception {
        // Like wimlib: decoding stops when the output is full, whatever follows.
        XpressTestEncoder enc = uniform().literals("tail".getBytes()).match(20, 4);
        byte[] chunk = enc.finish();
        byte[] longer = Arrays.copyOf(chunk, chunk.length + 50);
        Arrays.fill(longer, chunk.length, longer.length, (byte) 0xEE);
        assertArrayEquals(enc.expected(), decode(longer, enc.expected().length));
    }

    @Test
    void oneInstanceDecodesChunksWithDifferentCodesInTurn() throws Exception {
        XpressDecompressor d = new XpressDecompressor(MAX);
        Random rnd = new Random(11);
        for (int i = 0; i < 20; i++) {
            XpressTestEncoder enc = XpressTestEncoder.randomChunk(rnd);
            byte[] chunk = enc.finish();
            byte[] out = new byte[enc.expected().length];
            d.decompress(chunk, 0, chunk.length, out, 0, out.length);
            assertArrayEquals(enc.expected(), out);
            // A refused chunk in between leaves nothing behind.
            int cut = Math.min(300, chunk.length);
            assertThrows(CorruptChunkException.class, () -> d.decompress(chunk, 0, cut, new byte[MAX], 0, MAX));
        }
    }

    @Test
    void decodesAtAnOffsetInsideLargerArrays() throws Exception {
        XpressTestEncoder enc = uniform().literals(randomBytes(8, 1000)).match(500, 999);
        byte[] chunk = enc.finish();
        byte[] in = new byte[chunk.length + 100];
        Arrays.fill(in, (byte) 0xFF);
        System.arraycopy(chunk, 0, in, 37, chunk.length);
        byte[] out = new byte[3000];
        new XpressDecompressor(MAX).decompress(in, 37, chunk.length, out, 1000, 1500);
        assertArrayEquals(enc.expected(), Arrays.copyOfRange(out, 1000, 2500));
    }

    @Test
    void randomItemStreamsDecodeToWhatWasWritten() throws Exception {
        // Random codes (uniform or skewed, long codewords included), random literals and
        // matches of every length encoding, random sizes up to 64 KiB.
        Random rnd = new Random(7);
        XpressDecompressor d = new XpressDecompressor(MAX);
        for (int round = 0; round < 200; round++) {
            XpressTestEncoder enc = XpressTestEncoder.randomChunk(rnd);
            byte[] chunk = enc.finish();
            byte[] expected = enc.expected();
            byte[] out = new byte[expected.length];
            try {
                d.decompress(chunk, 0, chunk.length, out, 0, out.length);
            } catch (CorruptChunkException e) {
                fail("round " + round + ": " + e.getMessage());
            }
            assertArrayEquals(expected, out, "round " + round);
            Arrays.fill(out, (byte) 0);
        }
    }
}
