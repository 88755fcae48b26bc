package org.jwim.compression.xpress;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFixtures.Fixture;

/** Data of many kinds for the compressor's tests, each at least 64 KiB long. */
final class XpressSamples {
    static final int LENGTH = 1 << 16;

    private XpressSamples() {
    }

    /** Every kind by name: real PE and text (the fixtures' originals) and synthetic data. */
    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String kind : new String[] {"pe", "text", "x86"}) {
            m.put(kind, fixtureOriginal(kind));
        }
        m.put("random", random(LENGTH, 1));
        m.put("zeros", new byte[LENGTH]);
        m.put("runs", runs(LENGTH, 2));
        m.put("words", words(LENGTH, 3));
        m.put("mixed", mixed(LENGTH, 4));
        return m;
    }

    /** The 64 KiB original of the fixture of {@code kind} ("pe", "text", "x86", "pattern"). */
    static byte[] fixtureOriginal(String kind) {
        for (Fixture f : ChunkFixtures.load("xpress")) {
            if (f.name().startsWith(kind + "-") && f.original().length == LENGTH) {
                return f.original();
            }
        }
        throw new IllegalStateException("no 64 KiB fixture of " + kind);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Runs of one byte of random lengths, 1 to 70000: long matches at offset 1. */
    static byte[] runs(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            int len = r.nextInt(8) == 0 ? r.nextInt(70000) + 1 : r.nextInt(300) + 1;
            byte v = (byte) r.nextInt(4);
            for (int j = 0; j < len && i < n; j++) {
                b[i++] = v;
            }
        }
        return b;
    }

    /** Words from a small vocabulary: many short matches at all distances. */
    static byte[] words(int n, long seed) {
        Random r = new Random(seed);
        String[] vocab = new String[300];
        for (int i = 0; i < vocab.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 1 + r.nextInt(9);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            vocab[i] = w.toString();
        }
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            // Words near the start of the vocabulary are the common ones.
            sb.append(vocab[(int) Math.abs(r.nextGaussian() * 60) % vocab.length]);
            sb.append(r.nextInt(10) == 0 ? ".\n" : " ");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(b, n);
    }

    /** Random stretches, copies of earlier stretches at any distance (some long), and runs. */
    static byte[] mixed(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            int kind = r.nextInt(3);
            int len = Math.min(n - i, kind == 1 && r.nextInt(10) == 0 ? 300 + r.nextInt(3000) : 1 + r.nextInt(40));
            if (kind == 0 || i < 3) {
                for (int j = 0; j < len; j++) {
                    b[i + j] = (byte) r.nextInt(256);
                }
            } else if (kind == 1) {
                int src = r.nextInt(i);
                for (int j = 0; j < len; j++) {
                    b[i + j] = b[src + j];
                }
            } else {
                byte v = (byte) r.nextInt(256);
                for (int j = 0; j < len; j++) {
                    b[i + j] = v;
                }
            }
            i += len;
        }
        return b;
    }
}
