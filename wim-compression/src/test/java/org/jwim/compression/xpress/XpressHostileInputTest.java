package org.jwim.compression.xpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                    assertTrue(e.offset() >= 0 && e.offset() <= len,
                            f.name() + " cut to " + len + ": " + e.getMessage());
                    refused++;
                }
            }
            // Only the last two words can be missing without harm: the zero word of the flush
            // and one holding no more than the end-of-data symbol, which is never read.
            assertTrue(refused >= c.length - 4,
                    f.name() + ": only " + refused + " of " + c.length + " prefixes refused");
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
}
