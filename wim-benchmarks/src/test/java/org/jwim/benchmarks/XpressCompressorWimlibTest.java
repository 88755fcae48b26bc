package org.jwim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every XPRESS chunk jwim's compressor writes decodes to its input with libwim's own decoder
 * ({@code wimlib_decompress}); skipped where libwim is missing.
 */
class XpressCompressorWimlibTest {
    private static final int[] LEVELS = {1, 20, 50, 80, 100};

    @BeforeAll
    static void needLibwim() {
        assumeTrue(LibWim.available(), () -> "libwim not installed: " + LibWim.unavailableReason());
    }

    /** The originals of wimlib's XPRESS chunk fixtures (PE, text, x86, patterns, zeros) and synthetic data. */
    static Map<String, byte[]> samples() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        Path dir = Path.of(System.getProperty("jwim.project.root", ".."), "wim-compression/src/test/resources/chunks/xpress");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith("-L50.bin.gz")) {
                    continue; // each original is there once per level
                }
                byte[] b;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    b = in.readAllBytes();
                }
                ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int usize = h.getInt(0);
                int csize = h.getInt(4);
                m.put(name, Arrays.copyOfRange(b, 8 + csize, 8 + csize + usize));
            }
        }
        assertTrue(m.size() >= 10, "fixtures in " + dir);
        SplittableRandom r = new SplittableRandom(6);
        // Runs of every length up to past 65536 (raw u16 lengths), and copies at every distance.
        byte[] runs = new byte[1 << 16];
        for (int i = 0; i < runs.length;) {
            int len = r.nextInt(8) == 0 ? 1 + r.nextInt(70000) : 1 + r.nextInt(400);
            byte v = (byte) r.nextInt(3);
            for (int j = 0; j < len && i < runs.length; j++) {
                runs[i++] = v;
            }
        }
        m.put("runs", runs);
        byte[] copies = new byte[1 << 16];
        for (int i = 0; i < copies.length;) {
            int len = Math.min(copies.length - i, 1 + (r.nextInt(10) == 0 ? r.nextInt(2000) : r.nextInt(30)));
            if (i < 100 || r.nextBoolean()) {
                for (int j = 0; j < len; j++) {
                    copies[i + j] = (byte) r.nextInt(256);
                }
            } else {
                int src = r.nextInt(i);
                for (int j = 0; j < len; j++) {
                    copies[i + j] = copies[src + j];
                }
            }
            i += len;
        }
        m.put("copies", copies);
        return m;
    }

    static Stream<Arguments> levelsAndChunkSizes() {
        List<Arguments> list = new ArrayList<>();
        for (int level : LEVELS) {
            for (int size : new int[] {1 << 12, 1 << 15, 1 << 16}) {
                list.add(Arguments.of(level, size));
            }
        }
        return list.stream();
    }

    /** Compresses {@code data} chunk by chunk with jwim and decodes each with libwim; returns the chunks that shrank. */
    static int checkAll(byte[] data, int chunkSize, int level, LibWim.Decompressor d, String what) {
        ChunkCompressor c = ChunkCodecs.newCompressor(CompressionType.XPRESS, chunkSize, level);
        byte[] out = new byte[chunkSize];
        byte[] back = new byte[chunkSize];
        int shrank = 0;
        for (int pos = 0; pos < data.length; pos += chunkSize) {
            int len = Math.min(chunkSize, data.length - pos);
            int size = c.compress(data, pos, len, out, 0, out.length);
            if (size == ChunkCompressor.DID_NOT_SHRINK) {
                continue;
            }
            shrank++;
            assertTrue(d.decompress(out, 0, size, back, 0, len), () -> what + ": wimlib refused the chunk at " + len);
            assertArrayEquals(Arrays.copyOfRange(data, pos, pos + len), Arrays.copyOf(back, len), what);
        }
        return shrank;
    }

    @ParameterizedTest(name = "level {0}, chunks of {1}")
    @MethodSource("levelsAndChunkSizes")
    void wimlibDecodesWhatJwimWrites(int level, int chunkSize) throws IOException {
        int shrank = 0;
        try (LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.XPRESS, chunkSize)) {
            for (Map.Entry<String, byte[]> e : samples().entrySet()) {
                shrank += checkAll(e.getValue(), chunkSize, level, d, e.getKey() + " at level " + level);
                // Chunks not aligned with the data, short last chunk included.
                byte[] shifted = Arrays.copyOfRange(e.getValue(), Math.min(e.getValue().length, 333), e.getValue().length);
                shrank += checkAll(shifted, chunkSize, level, d, e.getKey() + " shifted at level " + level);
            }
        }
        assertTrue(shrank > 20, "chunks checked: " + shrank);
    }

    @Test
    void wimlibDecodesTheBenchmarkCorporaWhenPresent() {
        Path root = Corpus.root();
        assumeTrue(Files.isDirectory(root.resolve("pe")) && Files.isDirectory(root.resolve("text")),
                "no benchmark corpus at " + root + " (wim-benchmarks/scripts/prepare-corpus.sh)");
        try (LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.XPRESS, 1 << 15)) {
            for (String kind : new String[] {"pe", "text"}) {
                int shrank = 0;
                for (byte[] file : Corpus.load(kind).files()) {
                    shrank += checkAll(file, 1 << 15, 50, d, kind);
                }
                assertTrue(shrank > 100, kind + ": " + shrank);
            }
        }
    }
}
