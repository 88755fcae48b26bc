package org.jwim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks jwim's LZX encoder writes are decoded by wimlib's own decoder ({@code wimlib_decompress},
 * which refuses incomplete Huffman codes and bad block headers), at every level and chunk size,
 * over code, text, zeros, random data and short chunks. Skipped where libwim is missing.
 */
class LzxCompressorWimlibTest {
    @BeforeAll
    static void needLibwim() {
        assumeTrue(LibWim.available(), () -> "libwim not installed: " + LibWim.unavailableReason());
    }

    /** Real x86-64 code (calls for the E8 translation) and real text, from the running JDK. */
    static byte[] jdkFile(String relative, int max) throws IOException {
        Path p = Path.of(System.getProperty("java.home"), relative);
        assumeTrue(Files.isRegularFile(p), "no " + p);
        byte[] b = Files.readAllBytes(p);
        return Arrays.copyOfRange(b, Math.min(b.length / 3, Math.max(0, b.length - max)),
                Math.min(b.length, b.length / 3 + max));
    }

    static List<byte[]> samples(int chunkSize) throws IOException {
        List<byte[]> list = new ArrayList<>();
        byte[] code = jdkFile("lib/server/libjvm.so", chunkSize);
        byte[] text = jdkFile("lib/classlist", chunkSize);
        byte[] random = new byte[chunkSize];
        new SplittableRandom(chunkSize).nextBytes(random);
        byte[] half = Arrays.copyOf(code, chunkSize);
        System.arraycopy(random, 0, half, chunkSize / 2, chunkSize / 2);
        list.add(code);
        list.add(text);
        list.add(new byte[chunkSize]);
        list.add(half);
        list.add(random);
        for (int n : new int[] {1, 7, 64, 100, 1000, 32767}) {
            if (n <= chunkSize) {
                list.add(Arrays.copyOf(text, n));
                list.add(Arrays.copyOf(code, n));
            }
        }
        list.add("LZX ".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        return list;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 35, 50, 80, 100})
    void wimlibDecodesEveryChunk(int level) throws IOException {
        int shrunk = 0;
        for (int chunkSize : new int[] {1 << 15, 1 << 16, 1 << 20}) {
            if (chunkSize == 1 << 20 && level % 50 != 0) {
                continue;
            }
            ChunkCompressor c = ChunkCodecs.newCompressor(CompressionType.LZX, chunkSize, level);
            try (LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.LZX, chunkSize)) {
                for (byte[] data : samples(chunkSize)) {
                    if (data.length > chunkSize) {
                        continue;
                    }
                    byte[] packed = new byte[data.length];
                    int n = c.compress(data, 0, data.length, packed, 0, packed.length);
                    if (n == ChunkCompressor.DID_NOT_SHRINK) {
                        continue;
                    }
                    shrunk++;
                    byte[] out = new byte[data.length];
                    String what = "level " + level + ", chunk size " + chunkSize + ", " + data.length + " bytes";
                    assertTrue(d.decompress(packed, 0, n, out, 0, out.length), "wimlib refused: " + what);
                    assertArrayEquals(data, out, what);
                }
            }
        }
        assertTrue(shrunk >= 15, "only " + shrunk + " chunks shrank");
    }
}
