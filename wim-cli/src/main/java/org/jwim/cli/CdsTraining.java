package org.jwim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jwim.compression.DecoderWarmup;
import org.jwim.compression.CompressionType;

/**
 * A training run for the class-data-sharing archive the {@code jwim} launcher makes after each
 * build ({@code java -XX:ArchiveClassesAtExit=... CdsTraining}): runs the common commands once on
 * a tiny tree, in every compression format, so that the archive holds the classes (and the
 * method-handle forms) they load. Later runs map them instead of loading and linking them again,
 * which is a good part of the start-up cost of a short command. Not part of the CLI.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        // The warm-up's classes and method handles too (Main.main starts it; Main.run, below, does not).
        for (CompressionType t : new CompressionType[] {CompressionType.XPRESS, CompressionType.LZX, CompressionType.LZMS}) {
            DecoderWarmup.start(t, t.defaultChunkSize(), 1).join();
        }
        Path dir = Files.createTempDirectory("jwim-cds");
        int failures;
        try {
            failures = train(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Runs the commands in {@code dir}; returns how many failed. */
    private static int train(Path dir) throws IOException {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i * 31) ^ (i >>> 7));
        }
        Files.write(src.resolve("data.bin"), data);
        Files.writeString(src.resolve("text.txt"), "jwim ".repeat(5000));
        Files.createSymbolicLink(src.resolve("link"), Path.of("data.bin"));
        int failures = 0;
        for (String compress : new String[] {"xpress", "lzx", "lzms", "none"}) {
            Path wim = dir.resolve(compress + ".wim");
            String w = wim.toString();
            String[][] commands = {
                {"capture", src.getParent().toString(), w, "train", "--compress=" + compress, "--quiet"},
                {"info", w}, {"dir", w, "1"}, {"verify", w},
                {"apply", w, "1", dir.resolve(compress + "-out").toString(), "--quiet"},
                {"extract", w, "1", "/sub/text.txt", "--dest-dir", dir.resolve(compress + "-x").toString()},
            };
            for (String[] c : commands) {
                failures += Main.run(c, sink, sink) == 0 ? 0 : 1;
            }
        }
        return failures;
    }
}
