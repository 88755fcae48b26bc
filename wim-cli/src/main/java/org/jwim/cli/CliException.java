package org.jwim.cli;

/**
 * A failure the command reports as one line, {@code jwim: error: MESSAGE}, with its exit status:
 * {@link #USAGE} for a wrong command line (bad image, unmatched --ref glob...), {@link #FAILURE}
 * for everything else.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit status of a command that failed. */
    public static final int FAILURE = 1;
    /** Exit status of a command line that could not be obeyed as written. */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public static CliException failure(String message) {
        return new CliException(FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
