package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.ops.ApplyOptions;
import org.jwim.ops.ApplyProgress;
import picocli.CommandLine.Option;

/** The options {@code apply} and {@code extract} share, and what they print while they run. */
final class ApplyCliOptions {
    @Option(names = "--ref", paramLabel = "GLOB",
            description = "The other parts of a split WIM, or the WIMs a delta WIM refers to (repeatable; "
                    + "a glob relative to the current directory, quoted against the shell).")
    private List<String> globs = new ArrayList<>();

    @Option(names = "--check", description = "Verify the WIM's integrity table (if it has one) before extracting.")
    private boolean check;

    @Option(names = "--unix-data", description = "Restore the UNIX owner, group, mode and special files that "
            + "wimlib-imagex capture --unix-data recorded.")
    private boolean unixData;

    @Option(names = "--include-invalid-names", description = "Extract files whose names Linux cannot hold "
            + "(a '/' or NUL in them) under a replacement name instead of skipping them.")
    private boolean includeInvalidNames;

    @Option(names = "--threads", paramLabel = "N", description = "Threads decompressing (default: one per processor).")
    private int threads;

    @Option(names = {"--quiet", "-q"}, description = "Print no progress or information, only warnings and errors.")
    private boolean quiet;

    boolean quiet() {
        return quiet;
    }

    /** Opens {@code wimArg} with the --ref files, checking its integrity table with --check. */
    Wim open(String wimArg) throws IOException {
        List<Path> refs = RefGlobs.expand(globs);
        return Wim.open(Path.of(wimArg), OpenOptions.defaults().withRefs(refs).withCheckIntegrity(check));
    }

    /** The library options these flags stand for, reporting to {@code line}. */
    ApplyOptions options(ProgressLine line) {
        if (threads < 0) {
            throw CliException.usage("--threads must be 0 (one per processor) or more");
        }
        return ApplyOptions.defaults().withUnixData(unixData).withReplaceInvalidNames(includeInvalidNames)
                .withThreads(threads).withProgress(line);
    }

    /**
     * Prints warnings as they come, and on a terminal (unless --quiet) one progress line on stderr,
     * redrawn at most five times a second: bytes done of the total, files, rate.
     */
    static final class ProgressLine implements ApplyProgress {
        private static final long REDRAW_NANOS = 200_000_000L;

        private final PrintStream err;
        private final boolean draw;
        private final long start = System.nanoTime();
        private long lastDraw;
        private boolean drawn;

        ProgressLine(PrintStream err, boolean draw) {
            this.err = err;
            this.draw = draw;
        }

        /** Whether a progress line belongs on stderr: a terminal (the JVM's console) and not --quiet. */
        static boolean wanted(boolean quiet) {
            return !quiet && System.console() != null;
        }

        @Override
        public void progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
            if (!draw) {
                return;
            }
            long now = System.nanoTime();
            boolean last = bytesDone >= bytesTotal && filesDone >= filesTotal;
            if (!last && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            double seconds = Math.max(1e-3, (now - start) / 1e9);
            String line = String.format(Locale.ROOT, "\rExtracting: %s of %s (%d%%), %d of %d files, %s/s   ", size(bytesDone),
                    size(bytesTotal), bytesTotal == 0 ? 100 : (int) (100 * bytesDone / bytesTotal), filesDone,
                    filesTotal, size((long) (bytesDone / seconds)));
            err.print(line);
            err.flush();
            drawn = true;
        }

        @Override
        public void warning(String message) {
            endLine();
            err.print("jwim: warning: " + message + "\n");
        }

        /** Ends the progress line, if one was drawn. */
        void endLine() {
            if (drawn) {
                err.print("\n");
                drawn = false;
            }
        }

        static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " bytes";
            }
            String[] units = {"KiB", "MiB", "GiB", "TiB"};
            double v = bytes;
            int u = -1;
            while (v >= 1024 && u < units.length - 1) {
                v /= 1024;
                u++;
            }
            return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
        }
    }
}
