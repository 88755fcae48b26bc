package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A mutation fuzzer for chunk decompressors, seeded with real chunks.
 *
 * <p>Each input is a compressed chunk plus the uncompressed size the decoder is asked for. Inputs
 * are made by mutating seeds (bit flips, byte sets, truncation, extension, inserted, deleted and
 * copied ranges, splices between seeds, changed output sizes). The decoder must either return
 * normally or throw {@link CorruptChunkException}; any other throwable, a write outside the output
 * region, or a call that takes longer than {@link #HANG_MILLIS} is a failure. Failing inputs are
 * written to {@code target/fuzz-crashes/NAME/}; copied to {@code src/test/resources/fuzz/NAME/}
 * they become a regression corpus that {@link #replayCorpus} runs on every build.
 *
 * <p>Corpus file format: 4-byte little-endian uncompressed size, then the compressed bytes.
 */
public final class ChunkFuzzer {
    /** A decoder call slower than this counts as a hang. */
    public static final long HANG_MILLIS = 5000;
    private static final int GUARD = 64;
    private static final byte CANARY = (byte) 0xA5;

    /** One input: compressed bytes and the output size asked for. */
    public record Input(byte[] compressed, int uncompressedSize) {
        public byte[] encode() {
            byte[] b = new byte[4 + compressed.length];
            LittleEndian.putInt(b, 0, uncompressedSize);
            System.arraycopy(compressed, 0, b, 4, compressed.length);
            return b;
        }

        public static Input decode(byte[] b) {
            return new Input(Arrays.copyOfRange(b, 4, b.length), LittleEndian.getInt(b, 0));
        }
    }

    private final String name;
    private final Supplier<ChunkDecompressor> factory;
    private final int maxChunkSize;

    /**
     * @param name         codec name, also the corpus folder name
     * @param factory      makes the decompressor under test (called once per fuzz thread)
     * @param maxChunkSize largest output size the fuzzer asks for
     */
    public ChunkFuzzer(String name, Supplier<ChunkDecompressor> factory, int maxChunkSize) {
        this.name = name;
        this.factory = factory;
        this.maxChunkSize = maxChunkSize;
    }

    /** Seconds to fuzz, from the {@code jwim.fuzz.seconds} system property (default 10). */
    public static double configuredSeconds() {
        return Double.parseDouble(System.getProperty("jwim.fuzz.seconds", "10"));
    }

    /** Runs every input of {@code src/test/resources/fuzz/NAME/} once; fails on the first crash. */
    public int replayCorpus() throws IOException {
        Path dir = Path.of("src/test/resources/fuzz", name);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ChunkDecompressor d = factory.get();
        for (Path f : files) {
            String problem = runOne(d, Input.decode(Files.readAllBytes(f)));
            if (problem != null) {
                fail("regression input " + f + ": " + problem);
            }
        }
        return files.size();
    }

    /**
     * Fuzzes for {@code seconds} seconds from the given seeds, with a random seed printed so a run
     * can be repeated ({@code -Djwim.fuzz.seed=N}).
     *
     * @return the number of inputs tried
     */
    public long fuzz(List<Input> seeds, double seconds) throws InterruptedException {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        long seed = Long.getLong("jwim.fuzz.seed", System.nanoTime());
        System.out.println("[fuzz " + name + "] seed " + seed + ", " + seeds.size() + " seeds, " + seconds + " s");
        AtomicLong started = new AtomicLong();
        AtomicLong callStart = new AtomicLong(System.nanoTime());
        AtomicReference<Input> current = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        Thread worker = new Thread(() -> {
            Random rnd = new Random(seed);
            ChunkDecompressor d = factory.get();
            while (System.nanoTime() < deadline && failure.get() == null) {
                Input in = mutate(rnd, seeds);
                current.set(in);
                callStart.set(System.nanoTime());
                started.incrementAndGet();
                String problem = runOne(d, in);
                if (problem != null) {
                    failure.compareAndSet(null, problem + " [" + save(in) + "]");
                }
            }
        }, "fuzz-" + name);
        worker.setDaemon(true);
        worker.start();
        while (worker.isAlive()) {
            worker.join(200);
            long done = started.get();
            if (worker.isAlive() && System.nanoTime() - callStart.get() > HANG_MILLIS * 1_000_000L) {
                Input in = current.get();
                // Check it is really the same call still running.
                if (started.get() == done) {
                    failure.compareAndSet(null, "decoder call ran over " + HANG_MILLIS + " ms [" + save(in) + "]");
                    break;
                }
            }
        }
        if (failure.get() != null) {
            fail("[fuzz " + name + "] seed " + seed + ": " + failure.get());
        }
        System.out.println("[fuzz " + name + "] " + started.get() + " inputs, no failure");
        return started.get();
    }

    /** Null if the decoder behaved, else what went wrong. */
    public String runOne(ChunkDecompressor d, Input in) {
        int outLen = in.uncompressedSize();
        if (outLen < 0 || outLen > maxChunkSize) {
            return null;
        }
        byte[] src = new byte[in.compressed().length + 2 * GUARD];
        Arrays.fill(src, CANARY);
        System.arraycopy(in.compressed(), 0, src, GUARD, in.compressed().length);
        byte[] out = new byte[outLen + 2 * GUARD];
        Arrays.fill(out, CANARY);
        try {
            d.decompress(src, GUARD, in.compressed().length, out, GUARD, outLen);
        } catch (CorruptChunkException expected) {
            // fine: refused
        } catch (Throwable t) {
            return t.toString();
        }
        for (int i = 0; i < GUARD; i++) {
            if (out[i] != CANARY || out[out.length - 1 - i] != CANARY) {
                return "wrote outside the output region";
            }
        }
        return null;
    }

    private String save(Input in) {
        try {
            Path dir = Path.of("target/fuzz-crashes", name);
            Files.createDirectories(dir);
            Path f = dir.resolve("crash-" + System.nanoTime() + ".bin");
            Files.write(f, in.encode());
            return f.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Input mutate(Random rnd, List<Input> seeds) {
        Input base = seeds.get(rnd.nextInt(seeds.size()));
        byte[] b = base.compressed().clone();
        int size = base.uncompressedSize();
        int rounds = 1 + rnd.nextInt(rnd.nextInt(8) + 1);
        for (int r = 0; r < rounds; r++) {
            switch (rnd.nextInt(11)) {
                case 0, 1, 2 -> { // flip a bit
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 3 -> { // set a byte to something interesting or random
                    if (b.length > 0) {
                        int[] pick = {0, 0xFF, 0x7F, 0x80, 1, 0xFE};
                        b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? pick[rnd.nextInt(pick.length)] : rnd.nextInt(256));
                    }
                }
                case 4 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length + 1)); // truncate
                case 5 -> { // extend with random or zero bytes
                    int add = 1 + rnd.nextInt(64);
                    int old = b.length;
                    b = Arrays.copyOf(b, old + add);
                    if (rnd.nextBoolean()) {
                        for (int i = old; i < b.length; i++) {
                            b[i] = (byte) rnd.nextInt(256);
                        }
                    }
                }
                case 6 -> { // delete a range
                    if (b.length > 1) {
                        int from = rnd.nextInt(b.length);
                        int len = 1 + rnd.nextInt(Math.min(64, b.length - from));
                        byte[] n = new byte[b.length - len];
                        System.arraycopy(b, 0, n, 0, from);
                        System.arraycopy(b, from + len, n, from, b.length - from - len);
                        b = n;
                    }
                }
                case 7 -> { // copy a range over another place
                    if (b.length > 2) {
                        int from = rnd.nextInt(b.length);
                        int to = rnd.nextInt(b.length);
                        int len = 1 + rnd.nextInt(Math.min(32, b.length - Math.max(from, to)));
                        System.arraycopy(b, from, b, to, len);
                    }
                }
                case 8 -> { // splice with another seed
                    byte[] o = seeds.get(rnd.nextInt(seeds.size())).compressed();
                    if (o.length > 0 && b.length > 0) {
                        int cut = rnd.nextInt(b.length);
                        int from = rnd.nextInt(o.length);
                        byte[] n = Arrays.copyOf(b, cut + (o.length - from));
                        System.arraycopy(o, from, n, cut, o.length - from);
                        b = n;
                    }
                }
                case 9 -> { // ask for another output size
                    int choice = rnd.nextInt(4);
                    size = switch (choice) {
                        case 0 -> Math.max(0, size + rnd.nextInt(33) - 16);
                        case 1 -> rnd.nextInt(maxChunkSize + 1);
                        case 2 -> maxChunkSize;
                        default -> Math.max(0, size / 2);
                    };
                }
                default -> { // overwrite a 16-bit word with an extreme value
                    if (b.length > 1) {
                        int at = rnd.nextInt(b.length - 1);
                        int v = rnd.nextBoolean() ? 0xFFFF : 0;
                        b[at] = (byte) v;
                        b[at + 1] = (byte) v;
                    }
                }
            }
        }
        return new Input(b, size);
    }

    /** Convenience for tests that build seed lists. */
    public static List<Input> inputs(List<byte[]> compressed, List<Integer> sizes) {
        List<Input> l = new ArrayList<>();
        for (int i = 0; i < compressed.size(); i++) {
            l.add(new Input(compressed.get(i), sizes.get(i)));
        }
        return l;
    }
}
