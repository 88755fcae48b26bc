package org.jwim.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one corpus kind ({@code pe}, {@code text}) as {@code scripts/prepare-corpus.sh}
 * leaves them under {@code wim-benchmarks/target/corpus/KIND}, read in path order.
 */
public final class Corpus {
    /** System property naming the corpus root (the folder holding {@code pe/} and {@code text/}). */
    public static final String ROOT_PROPERTY = "jwim.bench.corpus";

    private final String kind;
    private final List<byte[]> files;
    private final long totalBytes;

    private Corpus(String kind, List<byte[]> files) {
        this.kind = kind;
        this.files = List.copyOf(files);
        long total = 0;
        for (byte[] f : files) {
            total += f.length;
        }
        this.totalBytes = total;
    }

    /** Reads the corpus of {@code kind} below {@link #root()}. */
    public static Corpus load(String kind) {
        return load(kind, root().resolve(kind));
    }

    /** Reads every non-empty regular file below {@code dir}, sorted by path. */
    public static Corpus load(String kind, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no corpus at " + dir.toAbsolutePath()
                    + ": run wim-benchmarks/scripts/prepare-corpus.sh (or set -D" + ROOT_PROPERTY + ")");
        }
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
                byte[] bytes = Files.readAllBytes(p);
                if (bytes.length > 0) {
                    files.add(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading corpus " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("corpus " + dir.toAbsolutePath() + " holds no files");
        }
        return new Corpus(kind, files);
    }

    /**
     * The corpus root: {@code -Djwim.bench.corpus}, else {@code target/corpus} or
     * {@code wim-benchmarks/target/corpus} below the working directory, whichever exists.
     */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            return Paths.get(configured);
        }
        Path local = Paths.get("target", "corpus");
        return Files.isDirectory(local) ? local : Paths.get("wim-benchmarks", "target", "corpus");
    }

    public String kind() {
        return kind;
    }

    /** The file contents, in path order; do not modify them. */
    public List<byte[]> files() {
        return files;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** All files back to back, as a solid resource holds them. */
    public byte[] concatenated() {
        if (totalBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("corpus " + kind + " is too large to concatenate: " + totalBytes);
        }
        byte[] all = new byte[(int) totalBytes];
        int pos = 0;
        for (byte[] f : files) {
            System.arraycopy(f, 0, all, pos, f.length);
            pos += f.length;
        }
        return all;
    }
}
