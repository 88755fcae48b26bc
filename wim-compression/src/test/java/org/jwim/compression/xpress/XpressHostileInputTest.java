package org.jwim.compression.xpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFixtures.Fixture;
import org.jwim.compression.ChunkFuzzer;
import org.jwim.compression.CorruptChunkException;
import org.junit.jupiter.api.Test;

/** Truncated, garbage and mutated chunks: refused with an offset, never anything worse. */
class XpressHostileInputTest {
    private static final int MAX = XpressDecompressor.MAX_CHUNK_SIZE;

    private final ChunkFuzzer fuzzer = new ChunkFuzzer("xpress", () -> new XpressDecompressor(MAX), MAX);

    @Test
    void everyPrefixOfRealChunksIsRefusedOrDecodesCorrectly() {
        XpressDecompressor d = new XpressDecompressor(MAX);
        int fixtures = 0;
        for (Fixture f : ChunkFixtures.load("xpress")) {
            if (!f.name().contains("-n4096-c4096-L50") && !f.name().startsWith("text-o100-n777-c32768-L50")) {
                continue;
            }
            fixtures++;
            int refused = 0;
            byte[] c = f.compressed();
            byte[] out = new byte[f.original().length];
            for (int len = 0; len < c.length; len++) {
                try {
                    d.decompress(c, 0, len, out, 0, out.length);
                    assertArrayEquals(f.original(), out, f.name() + " cut to " + len);
                } catch (CorruptChunkException e) {
                    assertTrue(e.offset() >= 0 && e.offset() <= len, f.name() + " cut to " + len + ": " + e.getMessage());
                    refused++;
                }
            }
            // Only the last two words can be missing without harm: the zero word of the flush
            // and one holding no more than the end-of-data symbol, which is never read.
            assertTrue(refused >= c.length - 4, f.name() + ": only " + refused + " of " + c.length + " prefixes refused");
        }
        assertTrue(fixtures >= 5, fixtures + " fixtures");
    }

    @Test
    void garbageChunksAreRefused() {
        Random rnd = new Random(42);
        XpressDecompressor d = new XpressDecompressor(MAX);
        byte[] out = new byte[MAX];
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[1 + rnd.nextInt(3000)];
            rnd.nextBytes(garbage);
            try {
                d.decompress(garbage, 0, garbage.length, out, 0, 1 + rnd.nextInt(MAX));
            } catch (CorruptChunkException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= garbage.length, e.getMessage());
                refused++;
            }
        }
        // Random 4-bit lengths are nearly always over-subscribed; the rest run out of input.
        assertTrue(refused >= 295, refused + " of 300 refused");
    }

    @Test
    void fuzzedChunksAreRefusedOrDecoded() throws Exception {
        List<ChunkFuzzer.Input> seeds = ChunkFixtures.seeds(ChunkFixtures.load("xpress"), MAX);
        long tried = fuzzer.fuzz(seeds, ChunkFuzzer.configuredSeconds());
        assertTrue(tried > 0);
    }

    @Test
    void regressionCorpus() throws Exception {
        assertTrue(fuzzer.replayCorpus() >= 10, "the corpus in src/test/resources/fuzz/xpress is missing");
    }

    @Test
    void randomItemStreamsRoundTrip() throws Exception {
        // Random codes (uniform or skewed, long codewords included), random literals and
        // matches of every length encoding, random sizes up to 64 KiB.
        Random rnd = new Random(7);
        XpressDecompressor d = new XpressDecompressor(MAX);
        for (int round = 0; round < 200; round++) {
            XpressTestEncoder enc = randomChunk(rnd);
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

    /** A chunk of random items with a random complete code. */
    static XpressTestEncoder randomChunk(Random rnd) {
        byte[] lens = randomLengths(rnd);
        XpressTestEncoder enc = new XpressTestEncoder(lens);
        int size = 1 + rnd.nextInt(rnd.nextBoolean() ? MAX : 2000);
        int done = 0;
        while (done < size) {
            int left = size - done;
            if (done == 0 || rnd.nextInt(3) == 0 || left < 3) {
                enc.literal(rnd.nextInt(256));
                done++;
                continue;
            }
            int length = switch (rnd.nextInt(4)) {
                case 0 -> 3 + rnd.nextInt(15);
                case 1 -> 18 + rnd.nextInt(255);
                case 2 -> 273 + rnd.nextInt(2000);
                default -> 3 + rnd.nextInt(8);
            };
            length = Math.min(length, left);
            int offset = 1 + (rnd.nextBoolean() ? rnd.nextInt(Math.min(done, 16)) : rnd.nextInt(Math.min(done, 65535)));
            enc.match(length, offset);
            done += length;
        }
        return enc;
    }

    /** Codeword lengths of a complete code over all 512 symbols, from Huffman on random weights. */
    static byte[] randomLengths(Random rnd) {
        long[] weights = new long[XpressDecompressor.NUM_SYMBOLS];
        if (rnd.nextInt(4) == 0) {
            return XpressTestEncoder.uniformLengths();
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 + rnd.nextInt(1 << rnd.nextInt(20));
        }
        while (true) {
            byte[] lens = huffmanLengths(weights);
            boolean fits = true;
            for (byte l : lens) {
                fits &= l <= XpressDecompressor.MAX_CODEWORD_LEN;
            }
            if (fits) {
                return lens;
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weights[i] / 2 + 1;
            }
        }
    }

    private static byte[] huffmanLengths(long[] weights) {
        int n = weights.length;
        // Nodes 0..n-1 are leaves; parents follow. Simple O(n^2) selection is fine for tests.
        long[] w = Arrays.copyOf(weights, 2 * n);
        int[] parent = new int[2 * n];
        boolean[] used = new boolean[2 * n];
        int next = n;
        for (int merges = 0; merges < n - 1; merges++) {
            int a = -1;
            int b = -1;
            for (int i = 0; i < next; i++) {
                if (used[i]) {
                    continue;
                }
                if (a < 0 || w[i] < w[a]) {
                    b = a;
                    a = i;
                } else if (b < 0 || w[i] < w[b]) {
                    b = i;
                }
            }
            used[a] = true;
            used[b] = true;
            w[next] = w[a] + w[b];
            parent[a] = next;
            parent[b] = next;
            next++;
        }
        byte[] lens = new byte[n];
        for (int i = 0; i < n; i++) {
            int depth = 0;
            for (int p = i; p != next - 1; p = parent[p]) {
                depth++;
            }
            lens[i] = (byte) Math.min(depth, 127);
        }
        return lens;
    }
}
