package org.jwim.compression.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFixtures.Fixture;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chunk wimlib's LZX compressor made for the fixtures decodes to its original. */
class LzxFixtureTest {

    static List<Fixture> fixtures() {
        return ChunkFixtures.load("lzx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesToTheOriginal(Fixture f) throws Exception {
        ChunkDecompressor d = ChunkCodecs.newDecompressor(CompressionType.LZX, f.chunkSize());
        byte[] out = new byte[f.original().length];
        d.decompress(f.compressed(), 0, f.compressed().length, out, 0, out.length);
        assertArrayEquals(f.original(), out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesAtOffsetsInsideLargerArraysAndAgainWithTheSameInstance(Fixture f) throws Exception {
        LzxDecompressor d = new LzxDecompressor(f.chunkSize());
        byte[] in = new byte[f.compressed().length + 13];
        System.arraycopy(f.compressed(), 0, in, 5, f.compressed().length);
        java.util.Arrays.fill(in, 5 + f.compressed().length, in.length, (byte) 0x5A);
        byte[] out = new byte[f.original().length + 20];
        for (int round = 0; round < 2; round++) {
            java.util.Arrays.fill(out, (byte) 0x77);
            d.decompress(in, 5, f.compressed().length, out, 9, f.original().length);
            assertArrayEquals(f.original(), java.util.Arrays.copyOfRange(out, 9, 9 + f.original().length));
            for (int i = 0; i < 9; i++) {
                assertEquals((byte) 0x77, out[i]);
            }
            for (int i = 9 + f.original().length; i < out.length; i++) {
                assertEquals((byte) 0x77, out[i]);
            }
        }
    }
}
