package org.jwim.compression;

import java.io.IOException;

/**
 * A compressed chunk that cannot be decoded: truncated, corrupt or hostile data.
 *
 * <p>{@link #offset()} is the byte offset inside the compressed chunk where the decoder noticed
 * the problem (a bit stream decoder may notice it a few bytes after the bad bits).
 */
public final class CorruptChunkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public CorruptChunkException(String message, long offset) {
        super(message + " (at offset " + offset + " of the compressed chunk)");
        this.offset = offset;
    }

    /** Offset inside the compressed chunk where the problem was found. */
    public long offset() {
        return offset;
    }
}
