package org.jwim.write;

/** Hears how a write goes; called from the writing thread. */
public interface ProgressListener {
    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** {@code n} more bytes of file data were read (and hashed). */
    default void bytesRead(long n) {
    }

    /** {@code n} more bytes were written to the WIM. */
    default void bytesWritten(long n) {
    }

    /** A file or directory was scanned. */
    default void scanned(String path) {
    }
}
