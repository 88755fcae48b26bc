package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips every compressor must pass, whatever its format: every level and data kind, short
 * and boundary lengths, tiny inputs, every chunk size, matches across a large window. A format's
 * test extends this and says how to compress-and-check one chunk.
 */
public abstract class CompressorRoundTripTests {
    protected static final int K32 = 1 << 15;
    /** Compressors by type, chunk size and level, shared by the tests (large ones are costly to make). */
    private static final Map<String, ChunkCompressor> COMPRESSORS = new HashMap<>();

    private final CompressionType type;

    protected CompressorRoundTripTests(CompressionType type) {
        this.type = type;
    }

    /** The format's own entry point that encodes whatever the size; returns the stream's length. */
    protected abstract int encodeAnySize(ChunkCompressor c, byte[] data, byte[] out);

    protected ChunkCompressor compressor(int chunkSize, int level) {
        return COMPRESSORS.computeIfAbsent(type + "/" + chunkSize + "/" + level,
                k -> ChunkCodecs.newCompressor(type, chunkSize, level));
    }

    protected byte[] decode(byte[] comp, int compLen, int origLen, int chunkSize) throws CorruptChunkException {
        ChunkDecompressor d = ChunkCodecs.newDecompressor(type, chunkSize);
        byte[] back = new byte[origLen];
        d.decompress(comp, 0, compLen, back, 0, origLen);
        return back;
    }

    /**
     * Compresses through the public contract and checks the result decodes back; also encodes
     * whatever the size (the format's own entry point) and checks that decodes back.
     *
     * @return the compressed size, or {@code DID_NOT_SHRINK}
     */
    protected int roundTrip(int chunkSize, int level, byte[] data) throws CorruptChunkException {
        ChunkCompressor c = compressor(chunkSize, level);
        byte[] out = new byte[data.length + 16];
        int n = c.compress(data, 0, data.length, out, 0, data.length);
        String what = "level " + level + ", chunk size " + chunkSize + ", " + data.length + " bytes";
        if (n != ChunkCompressor.DID_NOT_SHRINK) {
            assertTrue(n > 0 && n < data.length, what + ": size " + n);
            assertArrayEquals(data, decode(out, n, data.length, chunkSize), what);
        }
        byte[] forced = new byte[2 * data.length + 1024];
        int m = encodeAnySize(c, data, forced);
        assertTrue(m > 0, what);
        assertArrayEquals(data, decode(forced, m, data.length, chunkSize), what + " (forced)");
        if (n != ChunkCompressor.DID_NOT_SHRINK) {
            assertEquals(n, m, what + ": the same stream either way");
        }
        return n;
    }

    /** {@code size} bytes of a kind (see {@link CompressorSamples#data}). */
    protected abstract byte[] sample(String kind, int size, long seed);

    /** The data kinds every level must shrink (but "random", which must not). */
    protected String[] dataKinds() {
        return new String[] {"random", "zeros", "english", "text", "pe", "x86", "pattern", "records", "mixed"};
    }

    /** The chunk sizes to try, smallest to largest. */
    protected abstract int[] chunkSizes();

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 50, 80, 100})
    void everyDataKindRoundTripsAtEveryLevel(int level) throws Exception {
        for (String kind : dataKinds()) {
            int n = roundTrip(K32, level, sample(kind, K32, level));
            if (!kind.equals("random")) {
                assertTrue(n != ChunkCompressor.DID_NOT_SHRINK && n < K32 * 3 / 4, kind + " at " + level + ": " + n);
            } else {
                assertEquals(ChunkCompressor.DID_NOT_SHRINK, n, "random data does not shrink");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 50, 80, 100})
    void shortAndBoundaryLengthsRoundTrip(int level) throws Exception {
        for (int len : new int[] {1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 63, 64, 100, 257, 258, 259, 1000, 6500, 6501,
            K32 - 1, K32}) {
            for (String kind : new String[] {"zeros", "text", "pe", "random"}) {
                roundTrip(K32, level, sample(kind, len, len));
            }
        }
    }

    @Test
    void tinyInputsNeverShrink() throws Exception {
        for (int len = 1; len <= 7; len++) {
            assertEquals(ChunkCompressor.DID_NOT_SHRINK, roundTrip(K32, 50, new byte[len]));
        }
    }

    @Test
    void everyChunkSizeRoundTrips() throws Exception {
        for (int chunkSize : chunkSizes()) {
            for (int level : new int[] {20, 50}) {
                // A full chunk that needs the whole window, and a resource's short last chunk.
                byte[] full = sample("mixed", chunkSize, chunkSize);
                // The same data at both ends: matches span the window.
                int n = Math.min(40_000, chunkSize / 4);
                System.arraycopy(full, 0, full, chunkSize - n, n);
                assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, roundTrip(chunkSize, level, full));
                assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, roundTrip(chunkSize, level, sample("text", 5000, level)));
                assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, roundTrip(chunkSize, level, sample("zeros", chunkSize, 0)));
            }
        }
    }

    @Test
    void matchesReachAcrossTheWholeWindowOfLargeChunks() throws Exception {
        int chunkSize = 1 << 21;
        byte[] text = sample("english", 60_000, 3);
        byte[] otherText = sample("english", 60_000, 4);
        // Zeros between the two ends: quick to encode, and no help to either end.
        byte[] same = new byte[chunkSize];
        byte[] different = same.clone();
        System.arraycopy(text, 0, same, 0, text.length);
        System.arraycopy(text, 0, same, chunkSize - text.length, text.length);
        System.arraycopy(text, 0, different, 0, text.length);
        System.arraycopy(otherText, 0, different, chunkSize - text.length, text.length);
        int once = roundTrip(chunkSize, 50, text);
        int withCopy = roundTrip(chunkSize, 50, same);
        int withOther = roundTrip(chunkSize, 50, different);
        assertTrue(once > 0 && withCopy > 0 && withOther > 0);
        // The far copy costs a few matches, the other text a compressed text's worth.
        assertTrue(withOther - withCopy > once * 3 / 4, withCopy + " vs " + withOther + ", text alone " + once);
    }
}
