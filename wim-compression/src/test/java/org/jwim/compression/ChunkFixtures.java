package org.jwim.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The chunks wimlib's compressors made for the tests ({@code testdata/make-chunk-fixtures.sh}),
 * from {@code src/test/resources/chunks/CODEC/}.
 */
public final class ChunkFixtures {
    private ChunkFixtures() {
    }

    /** One chunk: its file name, what wimlib made of it and the original bytes. */
    public record Fixture(String name, byte[] compressed, byte[] original) {
        public int chunkSize() {
            // KIND-oOFFSET-nLENGTH-cCHUNKSIZE-LLEVEL.bin.gz
            for (String part : name.split("-")) {
                if (part.startsWith("c")) {
                    return Integer.parseInt(part.substring(1));
                }
            }
            throw new IllegalStateException(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** All fixtures of a codec directory ("xpress", "lzx", "lzms"), sorted by name. */
    public static List<Fixture> load(String codec) {
        Path dir = Path.of("src/test/resources/chunks", codec);
        List<Fixture> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                byte[] b;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    b = in.readAllBytes();
                }
                int usize = LittleEndian.getInt(b, 0);
                int csize = LittleEndian.getInt(b, 4);
                list.add(new Fixture(f.getFileName().toString(),
                        Arrays.copyOfRange(b, 8, 8 + csize),
                        Arrays.copyOfRange(b, 8 + csize, 8 + csize + usize)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    /** The fixtures as fuzz seeds. */
    public static List<ChunkFuzzer.Input> seeds(List<Fixture> fixtures, int maxChunkSize) {
        List<ChunkFuzzer.Input> seeds = new ArrayList<>();
        for (Fixture f : fixtures) {
            if (f.original().length <= maxChunkSize) {
                seeds.add(new ChunkFuzzer.Input(f.compressed(), f.original().length));
            }
        }
        return seeds;
    }
}
