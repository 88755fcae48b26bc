package org.jwim.cli;

import java.io.PrintStream;
import org.jwim.write.ProgressListener;

/**
 * A one-line progress report on stderr for long writes, refreshed at most twice a second, only
 * when stderr is a terminal and the user did not ask for quiet.
 */
final class Progress implements ProgressListener {
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long files;
    private long read;
    private long written;
    private long lastPrint;
    private boolean printed;

    private Progress(PrintStream err) {
        this.err = err;
    }

    static ProgressListener forStderr(PrintStream err, boolean quiet) {
        return quiet || System.console() == null ? ProgressListener.NONE : new Progress(err);
    }

    @Override
    public void scanned(String path) {
        files++;
        maybePrint();
    }

    @Override
    public void bytesRead(long n) {
        read += n;
        maybePrint();
    }

    @Override
    public void bytesWritten(long n) {
        written += n;
        maybePrint();
    }

    private void maybePrint() {
        long now = System.nanoTime();
        if (now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        err.printf("\r%d files scanned, %d MiB read, %d MiB written (%.0f MiB/s)   ", files, read >> 20, written >> 20,
                read / secs / (1 << 20));
        err.flush();
        printed = true;
    }

    /** Ends the progress line, if one was printed. */
    static void done(ProgressListener p) {
        if (p instanceof Progress q && q.printed) {
            q.lastPrint = 0;
            q.maybePrint();
            q.err.print("\n");
        }
    }
}
