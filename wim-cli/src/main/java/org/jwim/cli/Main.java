package org.jwim.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code jwim} command. Exit status: 0 success, 1 failure (one line {@code jwim: error: ...}
 * on stderr), 2 a command line that cannot be obeyed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        DecoderWarmupStart.start(args);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int rc = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(rc);
    }

    /** Runs one command line with the given standard output and error (both written as UTF-8). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        JwimCommand top = new JwimCommand(out, err);
        CommandLine cl = top.commandLine(args);
        cl.setExpandAtFiles(false); // "@LISTFILE" is extract's, read as wimlib-imagex reads it
        PrintWriter helpOut = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter helpErr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(helpOut);
        cl.setErr(helpErr);
        cl.setParameterExceptionHandler((ex, a) -> usageError(ex, err));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, top.debug(), err));
        int rc;
        try {
            rc = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            rc = failure(e, top.debug(), err);
        } finally {
            helpOut.flush();
            helpErr.flush();
            out.flush();
        }
        return rc;
    }

    private static int usageError(ParameterException ex, PrintStream err) {
        err.print("jwim: error: " + ex.getMessage() + "\n");
        String cmd = ex.getCommandLine().getCommandName();
        boolean sub = ex.getCommandLine().getParent() != null;
        err.print("Try 'jwim " + (sub ? "help " + cmd : "--help") + "' for more information.\n");
        return CliException.USAGE;
    }

    private static int failure(Throwable ex, boolean debug, PrintStream err) {
        if (debug) {
            ex.printStackTrace(err);
        }
        err.print("jwim: error: " + describe(ex) + "\n");
        return ex instanceof CliException c ? c.exitCode() : CliException.FAILURE;
    }

    /** One line saying what went wrong, without the exception's class name where the message says it all. */
    static String describe(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file" + (e.getReason() != null ? " (" + e.getReason() + ")" : "");
        }
        if (ex instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (ex instanceof FileSystemException e && e.getReason() != null) {
            return e.getFile() + ": " + e.getReason();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (give Java more with JWIM_JAVA_OPTS=-Xmx...)";
        }
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        if (ex instanceof IOException || ex instanceof CliException || ex instanceof IllegalArgumentException) {
            return m.replace('\n', ' ');
        }
        return ex.getClass().getSimpleName() + ": " + m.replace('\n', ' ');
    }
}
