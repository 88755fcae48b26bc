package org.jwim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A WIM file (or one part of a split set) holds bytes that are not a valid WIM: the message names
 * the file, the byte offset where the problem is, and what was expected there.
 */
public class WimFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file   the file with the bad bytes (may be null when not known)
     * @param offset byte offset in that file, or -1 when the problem has no single place
     */
    public WimFormatException(Path file, long offset, String message) {
        this(file, offset, message, null);
    }

    public WimFormatException(Path file, long offset, String message, Throwable cause) {
        super(describe(file, offset, message), cause);
        this.file = file;
        this.offset = offset;
    }

    private static String describe(Path file, long offset, String message) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
            if (offset >= 0) {
                b.append(" at offset ").append(offset).append(" (0x").append(Long.toHexString(offset)).append(')');
            }
            b.append(": ");
        }
        return b.append(message).toString();
    }

    /**
     * Makes exceptions about a region of a file (a resource, say) whose own offsets the caller
     * knows.
     */
    @FunctionalInterface
    public interface Factory {
        /** An exception about the byte at {@code offset} of the region. */
        WimFormatException at(long offset, String message);
    }

    /** The file with the bad bytes, or null. */
    public Path file() {
        return file;
    }

    /** The byte offset of the problem in {@link #file()}, or -1. */
    public long offset() {
        return offset;
    }
}
