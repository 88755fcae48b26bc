package org.jwim.compression.lzx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFixtures.Fixture;
import org.jwim.compression.ChunkFuzzer;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing from wimlib's chunks (and a crafted chunk with every block type), for the
 * 32 KiB window WIM uses by default and the 64 KiB one with 24-bit block sizes; then the inputs
 * earlier runs found, kept in {@code src/test/resources/fuzz/lzx/} (and {@code lzx/w64k/}).
 */
class LzxFuzzTest {
    private static final ChunkFuzzer FUZZ_32K = new ChunkFuzzer("lzx", () -> new LzxDecompressor(1 << 15), 1 << 15);
    private static final ChunkFuzzer FUZZ_64K =
            new ChunkFuzzer("lzx/w64k", () -> new LzxDecompressor(1 << 16), 1 << 16);

    private static List<ChunkFuzzer.Input> seeds(int chunkSize) {
        List<Fixture> fixtures = new ArrayList<>();
        for (Fixture f : ChunkFixtures.load("lzx")) {
            if (f.chunkSize() == chunkSize) {
                fixtures.add(f);
            }
        }
        if (chunkSize == 1 << 15) {
            fixtures.add(LzxRobustnessTest.crafted("handmade"));
        }
        return ChunkFixtures.seeds(fixtures, chunkSize);
    }

    @Test
    void fuzz32K() throws Exception {
        assertTrue(FUZZ_32K.fuzz(seeds(1 << 15), ChunkFuzzer.configuredSeconds() / 2) > 0);
    }

    @Test
    void fuzz64K() throws Exception {
        assertTrue(FUZZ_64K.fuzz(seeds(1 << 16), ChunkFuzzer.configuredSeconds() / 2) > 0);
    }

    @Test
    void replayCorpus() throws Exception {
        FUZZ_32K.replayCorpus();
        FUZZ_64K.replayCorpus();
    }
}
