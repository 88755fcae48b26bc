package org.jwim.compression;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs a decoder over a few sample chunks on a background thread, so that a fresh JVM has the
 * decoder's hot loops (and SHA-1's) compiled by the time the real chunks arrive.
 *
 * <p>A command-line run is a new JVM: for the first second of a large apply, HotSpot
 * interprets and profiles the decoder while its compilers compete with it for the cores. The CLI
 * spends its first few hundred milliseconds on a single thread (option parsing, opening the
 * WIM, reading its metadata); starting this at once puts the otherwise
 * idle core to the profiling and compiling the apply would pay for later. The samples
 * ({@code warmup/TYPE.chunks} beside this class, made by {@code testdata/make-warmup-samples.sh})
 * were compressed by wimlib from x86-64 code, text and class files, so the JIT sees the items
 * a real image holds.
 *
 * <p>Best effort: any failure just ends the warm-up. Its output is discarded.
 */
public final class DecoderWarmup {
    /** Sample chunks are at most this large (a sanity bound on the resource's size fields). */
    private static final int MAX_SAMPLE_CHUNK = 1 << 20;
    /**
     * The LZX samples were made for 32 KiB chunks (the default of wimlib and DISM); LZX's window,
     * and with it the main code's alphabet, follows the chunk size, so they suit no other.
     */
    private static final int LZX_SAMPLE_CHUNK_SIZE = 32 << 10;

    /** One sample: wimlib's compressed bytes and their uncompressed size. */
    private record Sample(byte[] compressed, int size) {
    }

    private DecoderWarmup() {
    }

    /**
     * Starts a daemon thread that decodes the samples of {@code type} with a decoder made for
     * chunks of up to {@code maxChunkSize} bytes (as the real ones will be: some decoders size
     * their tables by it) and hashes the output with SHA-1, for about {@code millis} milliseconds.
     *
     * @return the thread, already started, or {@code null} when there is nothing to warm
     *         ({@link CompressionType#NONE}, an invalid chunk size)
     */
    public static Thread start(CompressionType type, int maxChunkSize, long millis) {
        if (type == CompressionType.NONE || !type.isValidChunkSize(maxChunkSize)) {
            return null;
        }
        Thread t = new Thread(() -> decode(type, maxChunkSize, millis), "jwim-warmup-" + name(type));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String name(CompressionType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes the samples, all of them at least once, until {@code millis} have passed; returns
     * how many rounds it made (a round decodes every sample once), or -1 when the samples could
     * not be read or decoded.
     */
    static int decode(CompressionType type, int maxChunkSize, long millis) {
        try {
            List<Sample> samples = new ArrayList<>();
            for (Sample s : samples(type)) {
                if (s.size() <= maxChunkSize && (type != CompressionType.LZX || maxChunkSize == LZX_SAMPLE_CHUNK_SIZE)) {
                    samples.add(s);
                }
            }
            if (samples.isEmpty()) {
                return -1;
            }
            ChunkDecompressor d = ChunkCodecs.newDecompressor(type, maxChunkSize);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] out = new byte[MAX_SAMPLE_CHUNK];
            long end = System.nanoTime() + millis * 1_000_000L;
            int rounds = 0;
            do {
                for (Sample s : samples) {
                    d.decompress(s.compressed(), 0, s.compressed().length, out, 0, s.size());
                    sha1.update(out, 0, s.size());
                    if (rounds > 0 && System.nanoTime() >= end) {
                        return rounds;
                    }
                }
                rounds++;
            } while (System.nanoTime() < end);
            return rounds;
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return -1;
        }
    }

    /** Reads {@code warmup/TYPE.chunks}: per chunk, u32 LE uncompressed size, u32 LE compressed size, bytes. */
    private static List<Sample> samples(CompressionType type) throws IOException {
        String name = "warmup/" + name(type) + ".chunks";
        byte[] all;
        try (InputStream in = DecoderWarmup.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no warm-up samples " + name);
            }
            all = in.readAllBytes();
        }
        List<Sample> samples = new ArrayList<>();
        int at = 0;
        while (at + 8 <= all.length) {
            int usize = LittleEndian.getInt(all, at);
            int csize = LittleEndian.getInt(all, at + 4);
            if (usize <= 0 || usize > MAX_SAMPLE_CHUNK || csize <= 0 || csize > all.length - at - 8) {
                throw new IOException("bad warm-up sample " + name + " at " + at);
            }
            samples.add(new Sample(Arrays.copyOfRange(all, at + 8, at + 8 + csize), usize));
            at += 8 + csize;
        }
        return samples;
    }
}
