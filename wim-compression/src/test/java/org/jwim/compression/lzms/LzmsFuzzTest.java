package org.jwim.compression.lzms;

import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFuzzer;
import org.junit.jupiter.api.Test;

/** Mutation fuzzing seeded with wimlib's chunks, and the regression inputs it found. */
class LzmsFuzzTest {
    private static final int MAX_CHUNK = 1 << 20;
    private final ChunkFuzzer fuzzer = new ChunkFuzzer("lzms", () -> new LzmsDecompressor(MAX_CHUNK), MAX_CHUNK);

    @Test
    void replaysTheRegressionCorpus() throws Exception {
        fuzzer.replayCorpus();
    }

    @Test
    void survivesMutatedChunks() throws Exception {
        fuzzer.fuzz(ChunkFixtures.seeds(ChunkFixtures.load("lzms"), MAX_CHUNK), ChunkFuzzer.configuredSeconds());
    }
}
