package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Compresses {@code data} for chunks of {@code chunkSize}, checks it decodes back; the size or DID_NOT_SHRINK. */
    protected abstract int roundTripChunk(int chunkSize, int level, byte[] data) throws Exception;

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
            int n = roundTripChunk(K32, level, sample(kind, K32, level));
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
                roundTripChunk(K32, level, sample(kind, len, len));
            }
        }
    }

    @Test
    void tinyInputsNeverShrink() throws Exception {
        for (int len = 1; len <= 7; len++) {
            assertEquals(ChunkCompressor.DID_NOT_SHRINK, roundTripChunk(K32, 50, new byte[len]));
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
                assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, roundTripChunk(chunkSize, level, full));
                assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, roundTripChunk(chunkSize, level, sample("text", 5000, level)));
                assertNotEquals(ChunkCompressor.DID_NOT_SHRINK, roundTripChunk(chunkSize, level, sample("zeros", chunkSize, 0)));
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
        int once = roundTripChunk(chunkSize, 50, text);
        int withCopy = roundTripChunk(chunkSize, 50, same);
        int withOther = roundTripChunk(chunkSize, 50, different);
        assertTrue(once > 0 && withCopy > 0 && withOther > 0);
        // The far copy costs a few matches, the other text a compressed text's worth.
        assertTrue(withOther - withCopy > once * 3 / 4, withCopy + " vs " + withOther + ", text alone " + once);
    }
}
