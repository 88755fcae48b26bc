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
 * Runs a decoder or a compressor over a few sample chunks on a background thread, so that a
 * fresh JVM has the codec's hot loops (and SHA-1's) compiled by the time the real data arrives.
 *
 * <p>A command-line run is a new JVM: for the first second of a large apply or capture, HotSpot
 * interprets and profiles the codec while its compilers compete with it for the cores. The CLI
 * spends its first few hundred milliseconds on a single thread (option parsing, opening the
 * WIM, reading metadata or scanning the source); starting this at once puts the otherwise idle
 * core to the profiling and compiling the work would pay for later. The samples
 * ({@code warmup/TYPE.chunks} beside this class, made by {@code testdata/make-warmup-samples.sh})
 * were compressed by wimlib from x86-64 code, text and class files, so the JIT sees the items
 * and data a real image holds.
 *
 * <p>Best effort: any failure just ends the warm-up. Its output is discarded.
 */
public final class CodecWarmup {
    /** Sample chunks are at most this large (a sanity bound on the resource's size fields). */
    private static final int MAX_SAMPLE_CHUNK = 1 << 20;
    /**
     * The LZX samples were made for 32 KiB chunks (the default of wimlib and DISM); LZX's window,
     * and with it the main code's alphabet, follows the chunk size, so they suit no other.
     */
    private static final int LZX_SAMPLE_CHUNK_SIZE = 32 << 10;
    /**
     * Compressors for larger chunks (solid resources) are warmed on chunks of this size: the
     * same code, without a second compressor of hundreds of megabytes beside the real ones.
     */
    private static final int MAX_WARM_COMPRESS_CHUNK = 1 << 20;

    /** One sample: wimlib's compressed bytes and their uncompressed size. */
    private record Sample(byte[] compressed, int size) {
    }

    private CodecWarmup() {
    }

    /**
     * Starts a daemon thread that decodes the samples of {@code type} with a decoder made for
     * chunks of up to {@code maxChunkSize} bytes (as the real ones will be: some decoders size
     * their tables by it) and hashes the output with SHA-1, for about {@code millis} milliseconds.
     *
     * @return the thread, already started, or {@code null} when there is nothing to warm
     *         ({@link CompressionType#NONE}, an invalid chunk size)
     */
    public static Thread startDecoding(CompressionType type, int maxChunkSize, long millis) {
        if (type == CompressionType.NONE || !type.isValidChunkSize(maxChunkSize)) {
            return null;
        }
        return daemon("jwim-warmup-" + name(type), () -> decode(type, maxChunkSize, millis));
    }

    /**
     * Starts a daemon thread that hashes the samples' data with SHA-1 and compresses it with a
     * {@code type} compressor at {@code level}, in chunks of {@code chunkSize} (at most 1 MiB),
     * for about {@code millis} milliseconds.
     *
     * @return the thread, already started, or {@code null} when there is nothing to warm
     */
    public static Thread startCompressing(CompressionType type, int chunkSize, int level, long millis) {
        if (type == CompressionType.NONE || !type.isValidChunkSize(chunkSize) || level < 1 || level > 100) {
            return null;
        }
        return daemon("jwim-warmup-" + name(type) + "-compress", () -> compress(type, chunkSize, level, millis));
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String name(CompressionType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes the samples until {@code millis} have passed; returns how many rounds it made (a
     * round decodes every sample once), or -1 when the samples could not be read or decoded.
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
            return repeat(millis, samples.size(), k -> {
                Sample s = samples.get(k);
                d.decompress(s.compressed(), 0, s.compressed().length, out, 0, s.size());
                sha1.update(out, 0, s.size());
            });
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Compresses the samples' data until {@code millis} have passed; returns how many rounds it
     * made, or -1 when the samples could not be read or compressed.
     */
    static int compress(CompressionType type, int chunkSize, int level, long millis) {
        try {
            byte[] data = sampleData(type);
            int chunk = Integer.highestOneBit(Math.min(Math.min(chunkSize, MAX_WARM_COMPRESS_CHUNK), data.length));
            ChunkCompressor c = ChunkCodecs.newCompressor(type, chunk, level);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] out = new byte[chunk];
            return repeat(millis, data.length / chunk, k -> {
                sha1.update(data, k * chunk, chunk);
                c.compress(data, k * chunk, chunk, out, 0, chunk - 1);
            });
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return -1;
        }
    }

    /** One step of a warm-up: the {@code k}th of its units (sample, chunk). */
    private interface Step {
        void run(int k) throws IOException;
    }

    /**
     * Runs {@code step} on units 0 to {@code units - 1}, round and round, until {@code millis}
     * have passed, and at least once over all of them; returns how many rounds it made.
     */
    private static int repeat(long millis, int units, Step step) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000L;
        int rounds = 0;
        do {
            for (int k = 0; k < units; k++) {
                step.run(k);
                if (rounds > 0 && System.nanoTime() >= end) {
                    return rounds;
                }
            }
            rounds++;
        } while (System.nanoTime() < end);
        return rounds;
    }

    /** The uncompressed data of the samples of {@code type}, one after the other. */
    private static byte[] sampleData(CompressionType type) throws IOException {
        List<Sample> samples = samples(type);
        int total = 0;
        int largest = 1;
        for (Sample s : samples) {
            total += s.size();
            largest = Math.max(largest, s.size());
        }
        ChunkDecompressor d = ChunkCodecs.newDecompressor(type, type == CompressionType.LZX ? LZX_SAMPLE_CHUNK_SIZE
                : Math.max(type.minChunkSize(), Integer.highestOneBit(largest - 1) << 1));
        byte[] data = new byte[total];
        int at = 0;
        for (Sample s : samples) {
            d.decompress(s.compressed(), 0, s.compressed().length, data, at, s.size());
            at += s.size();
        }
        return data;
    }

    /** Reads {@code warmup/TYPE.chunks}: per chunk, u32 LE uncompressed size, u32 LE compressed size, bytes. */
    private static List<Sample> samples(CompressionType type) throws IOException {
        String name = "warmup/" + name(type) + ".chunks";
        byte[] all;
        try (InputStream in = CodecWarmup.class.getResourceAsStream(name)) {
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
