package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Data for compressor tests: synthetic kinds (random, zeros, English-like words, 16-byte records,
 * a mix) and real ones, the originals of the chunk fixtures of a kind ("pe", "text", "x86", ...).
 */
public final class CompressorSamples {
    private final List<ChunkFixtures.Fixture> fixtures;

    /** Samples whose real kinds come from these fixtures. */
    public CompressorSamples(List<ChunkFixtures.Fixture> fixtures) {
        this.fixtures = fixtures;
    }

    /** The originals of the fixtures of one kind ("pe", "text", "x86", ...), back to back. */
    public byte[] kind(String kind) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        fixtures.stream().filter(f -> f.name().startsWith(kind + "-")).map(ChunkFixtures.Fixture::original)
                .distinct().forEach(b::writeBytes);
        byte[] all = b.toByteArray();
        assertTrue(all.length > 0, kind);
        return all;
    }

    /** {@code size} bytes of a kind, the kind's data repeated if short. */
    public byte[] data(String kind, int size, long seed) {
        byte[] out = new byte[size];
        Random rnd = new Random(seed);
        switch (kind) {
            case "random" -> rnd.nextBytes(out);
            case "zeros" -> { }
            case "english" -> {
                String[] words = {"the ", "image ", "file ", "of ", "windows ", "compression ", "chunk ", "and ",
                    "data ", "is ", "a ", "block ", "with ", "header\n", "resource ", "table, "};
                int p = 0;
                while (p < size) {
                    byte[] w = words[rnd.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
                    int n = Math.min(w.length, size - p);
                    System.arraycopy(w, 0, out, p, n);
                    p += n;
                }
            }
            case "records" -> {
                // 16-byte records whose fields repeat at multiples of 8: aligned-offset friendly.
                for (int p = 0; p + 16 <= size; p += 16) {
                    int v = rnd.nextInt(64);
                    out[p] = (byte) v;
                    out[p + 4] = (byte) (v * 7);
                    out[p + 8] = (byte) rnd.nextInt(4);
                }
            }
            case "mixed" -> {
                int third = size / 3;
                System.arraycopy(data("english", third, seed), 0, out, 0, third);
                System.arraycopy(data("random", third, seed), 0, out, third, third);
                System.arraycopy(data("pe", size - 2 * third, seed), 0, out, 2 * third, size - 2 * third);
            }
            default -> {
                byte[] src = kind(kind);
                int start = (int) Math.floorMod(seed * 7919, src.length);
                for (int p = 0; p < size; p++) {
                    out[p] = src[(start + p) % src.length];
                }
            }
        }
        return out;
    }

}
