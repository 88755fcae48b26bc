package org.jwim.compression.xpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever XpressCompressor writes, jwim's decoder gives back the input. */
class XpressCompressorRoundTripTest {
    static final int[] LEVELS = {1, 20, 50, 80, 100};
    /** Every chunk size the format allows. */
    static final int[] CHUNK_SIZES = {1 << 12, 1 << 13, 1 << 14, 1 << 15, 1 << 16};

    static Stream<Arguments> levelsAndChunkSizes() {
        List<Arguments> list = new ArrayList<>();
        for (int level : LEVELS) {
            for (int size : CHUNK_SIZES) {
                list.add(Arguments.of(level, size));
            }
        }
        return list.stream();
    }

    /** Compresses with {@link XpressCompressor#encode} (no refusal) and decodes; returns the size. */
    static int roundTrip(XpressCompressor c, byte[] in, int off, int len, String what) throws CorruptChunkException {
        byte[] out = new byte[len + len / 8 + 1024];
        int size = c.encode(in, off, len, out, 0, out.length);
        assertTrue(size >= XpressCompressor.MIN_OUTPUT_SIZE, what + ": size " + size);
        byte[] back = new byte[len];
        ChunkDecompressor d = ChunkCodecs.newDecompressor(CompressionType.XPRESS, c.maxChunkSize());
        d.decompress(out, 0, size, back, 0, len);
        assertArrayEquals(Arrays.copyOfRange(in, off, off + len), back, what);
        return size;
    }

    @ParameterizedTest(name = "level {0}, chunks of {1}")
    @MethodSource("levelsAndChunkSizes")
    void everyKindOfDataRoundTrips(int level, int chunkSize) throws Exception {
        XpressCompressor c = new XpressCompressor(chunkSize, level);
        for (Map.Entry<String, byte[]> e : XpressSamples.all().entrySet()) {
            byte[] data = e.getValue();
            // A whole chunk, and one cut short so its end is not aligned.
            roundTrip(c, data, 0, chunkSize, e.getKey() + " full");
            roundTrip(c, data, 7, chunkSize - 13, e.getKey() + " short");
        }
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 20, 50, 80, 100})
    void tinyAndBoundarySizesRoundTrip(int level) throws Exception {
        XpressCompressor c = new XpressCompressor(1 << 16, level);
        byte[] text = XpressSamples.fixtureOriginal("text");
        byte[] zeros = new byte[1 << 16];
        int[] lengths = {0, 1, 2, 3, 4, 5, 7, 8, 25, 260, 261, 4095, 4096, 4097, 32767, 32768, 32769, 65535, 65536};
        for (int len : lengths) {
            roundTrip(c, text, 0, len, "text of " + len);
            roundTrip(c, zeros, 0, len, "zeros of " + len);
        }
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 20, 50, 80, 100})
    void matchLengthsAroundTheirCodingLimits(int level) throws Exception {
        // A random block, then a copy of its first L bytes and a byte that stops the match: a match
        // of exactly L, for the lengths where the length header, the extra byte and the extra u16
        // take over.
        XpressCompressor c = new XpressCompressor(1 << 16, level);
        Random r = new Random(level);
        for (int len : new int[] {3, 4, 17, 18, 19, 20, 272, 273, 274, 275, 1000, 30000}) {
            byte[] block = new byte[len + 40];
            r.nextBytes(block);
            byte[] data = new byte[2 * block.length];
            System.arraycopy(block, 0, data, 0, block.length);
            System.arraycopy(block, 0, data, block.length, len);
            data[block.length + len] = (byte) (block[len] ^ 0x55);
            roundTrip(c, data, 0, data.length, "match of " + len);
        }
        // The longest a chunk can hold: all of it but the first byte.
        byte[] run = new byte[1 << 16];
        Arrays.fill(run, (byte) 'x');
        assertTrue(roundTrip(c, run, 0, run.length, "run of 65536") < 300);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 20, 50, 80, 100})
    void farthestOffsets(int level) throws Exception {
        // Random data whose last bytes repeat its first: the only match is 65532 back, the
        // largest offset with 4 bytes left in a 64 KiB chunk.
        XpressCompressor c = new XpressCompressor(1 << 16, level);
        byte[] data = XpressSamples.random(1 << 16, 9);
        System.arraycopy(data, 0, data, data.length - 4, 4);
        roundTrip(c, data, 0, data.length, "offset 65532");
        byte[] data2 = XpressSamples.random(1 << 16, 10);
        System.arraycopy(data2, 0, data2, (1 << 15) + 100, 300);
        roundTrip(c, data2, 0, data2.length, "offset 32868");
    }

    @Test
    void randomStructuresRoundTripAtEveryLevel() throws Exception {
        // Many small random mixtures, every level: a cheap sweep for parse and writer corner cases.
        Random r = new Random(20261122);
        XpressCompressor[] byLevel = new XpressCompressor[101];
        for (int level = 1; level <= 100; level++) {
            byLevel[level] = new XpressCompressor(1 << 13, level);
        }
        for (int i = 0; i < 400; i++) {
            int level = 1 + r.nextInt(100);
            int len = r.nextInt(1 << 13) + 1;
            byte[] data = XpressSamples.mixed(len, r.nextLong());
            roundTrip(byLevel[level], data, 0, len, "sample " + i + " at level " + level);
        }
    }

    @Test
    void compressedSizesShrinkWithTheLevelOnRealData() throws Exception {
        // Not a round trip: the levels must actually differ in effort.
        byte[] pe = XpressSamples.fixtureOriginal("pe");
        int fast = new XpressCompressor(1 << 16, 1).encode(pe, 0, pe.length, new byte[1 << 17], 0, 1 << 17);
        int normal = new XpressCompressor(1 << 16, 50).encode(pe, 0, pe.length, new byte[1 << 17], 0, 1 << 17);
        int high = new XpressCompressor(1 << 16, 100).encode(pe, 0, pe.length, new byte[1 << 17], 0, 1 << 17);
        assertTrue(fast > normal && normal > high, fast + " " + normal + " " + high);
    }

    @Test
    void chunkCodecsMakesThisCompressor() throws Exception {
        ChunkCompressor c = ChunkCodecs.newCompressor(CompressionType.XPRESS, 1 << 15, 50);
        assertTrue(c instanceof XpressCompressor);
        assertEquals(CompressionType.XPRESS, c.type());
        assertEquals(1 << 15, c.maxChunkSize());
        assertEquals(50, c.level());
        assertTrue(ChunkCodecs.canCompress(CompressionType.XPRESS));
        byte[] text = XpressSamples.fixtureOriginal("text");
        byte[] out = new byte[1 << 15];
        int size = c.compress(text, 0, 1 << 15, out, 0, out.length);
        assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, size);
        byte[] back = new byte[1 << 15];
        ChunkCodecs.newDecompressor(CompressionType.XPRESS, 1 << 15).decompress(out, 0, size, back, 0, back.length);
        assertArrayEquals(Arrays.copyOf(text, 1 << 15), back);
    }
}
