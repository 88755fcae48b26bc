package org.jwim.compression.lzms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.jwim.compression.ChunkFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chunk wimlib's LZMS compressor made for the fixtures decodes to its original. */
class LzmsFixtureTest {
    static List<ChunkFixtures.Fixture> fixtures() {
        return ChunkFixtures.load("lzms");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decodesToTheOriginal(ChunkFixtures.Fixture f) throws Exception {
        LzmsDecompressor d = new LzmsDecompressor(f.chunkSize());
        byte[] out = new byte[f.original().length];
        d.decompress(f.compressed(), 0, f.compressed().length, out, 0, out.length);
        assertArrayEquals(f.original(), out, f.name());
    }
}
