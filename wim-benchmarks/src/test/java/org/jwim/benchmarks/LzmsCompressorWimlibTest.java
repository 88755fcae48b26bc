package org.jwim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks jwim's LZMS encoder writes are decoded by wimlib's own decoder ({@code wimlib_decompress})
 * at every level and chunk size, over code, text, zeros, random data, 16-bit delta data and short
 * chunks, and one 64 MiB solid-resource chunk. Skipped where libwim is missing.
 */
class LzmsCompressorWimlibTest {
    @BeforeAll
    static void needLibwim() {
        assumeTrue(LibWim.available(), () -> "libwim not installed: " + LibWim.unavailableReason());
    }

    /** Rising 16-bit samples: what delta matches are for. */
    static byte[] samples16(int size) {
        byte[] d = new byte[size];
        SplittableRandom rnd = new SplittableRandom(16);
        int v = 0;
        for (int p = 0; p + 1 < size; p += 2) {
            v += 3 + (p / 2 % 7) + (rnd.nextInt(16) == 0 ? 1 : 0);
            d[p] = (byte) v;
            d[p + 1] = (byte) (v >>> 8);
        }
        return d;
    }

    static List<byte[]> samples(int chunkSize) throws IOException {
        List<byte[]> list = new ArrayList<>(LzxCompressorWimlibTest.samples(chunkSize));
        list.add(samples16(chunkSize));
        list.add("LZMS".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        for (int n : new int[] {2, 3, 8, 9}) {
            list.add(Arrays.copyOf(list.get(1), n));
        }
        return list;
    }

    private static int compressAndCheck(ChunkCompressor c, LibWim.Decompressor d, byte[] data, String what) {
        byte[] packed = new byte[data.length];
        int n = c.compress(data, 0, data.length, packed, 0, packed.length);
        if (n == ChunkCompressor.DID_NOT_SHRINK) {
            return 0;
        }
        byte[] out = new byte[data.length];
        assertTrue(d.decompress(packed, 0, n, out, 0, out.length), "wimlib refused: " + what);
        assertArrayEquals(data, out, what);
        return 1;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 35, 50, 80, 100})
    void wimlibDecodesEveryChunk(int level) throws IOException {
        int shrunk = 0;
        for (int chunkSize : new int[] {1 << 15, 1 << 17, 1 << 20}) {
            if (chunkSize == 1 << 20 && level % 50 != 0) {
                continue;
            }
            ChunkCompressor c = ChunkCodecs.newCompressor(CompressionType.LZMS, chunkSize, level);
            try (LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.LZMS, chunkSize)) {
                for (byte[] data : samples(chunkSize)) {
                    if (data.length <= chunkSize) {
                        shrunk += compressAndCheck(c, d, data,
                                "level " + level + ", chunk size " + chunkSize + ", " + data.length + " bytes");
                    }
                }
            }
        }
        assertTrue(shrunk >= 20, "only " + shrunk + " chunks shrank");
    }

    @Test
    void wimlibDecodesA64MiBSolidChunk() throws IOException {
        int size = 1 << 26;
        // Code and text with a copy of the start at the far end (matches across the whole chunk),
        // delta data and zeros between.
        byte[] data = new byte[size];
        List<byte[]> parts = samples(1 << 20);
        int p = 0;
        for (int i = 0; p < size / 2; i++) {
            byte[] part = parts.get(i % 4);
            int n = Math.min(part.length, size / 2 - p);
            System.arraycopy(part, 0, data, p, n);
            p += n;
        }
        byte[] delta = samples16(size / 8);
        System.arraycopy(delta, 0, data, size / 2, delta.length);
        System.arraycopy(data, 0, data, size - (1 << 20), 1 << 20);
        for (int level : new int[] {20, 50}) {
            ChunkCompressor c = ChunkCodecs.newCompressor(CompressionType.LZMS, size, level);
            try (LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.LZMS, size)) {
                assertTrue(compressAndCheck(c, d, data, "64 MiB chunk at level " + level) == 1);
            }
        }
    }
}
