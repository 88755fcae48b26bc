package org.jwim.image;

import org.jwim.Sha1Hash;

/**
 * One stream of a file: its unnamed data, its reparse data, or a named data stream ("alternate
 * data stream"). Data is known by SHA-1; the all-zero hash means empty.
 *
 * @param type what the stream holds
 * @param name the stream name, "" for unnamed streams
 * @param hash SHA-1 of the data ({@link Sha1Hash#ZERO} when empty)
 * @param size uncompressed size from the blob table, 0 when empty, -1 when the blob is in no
 *             WIM part or reference given to the reader
 */
public record StreamEntry(Type type, String name, Sha1Hash hash, long size) {
    /** What a stream holds. */
    public enum Type {
        /** Unnamed or named file data. */
        DATA,
        /** The reparse point buffer without its 8-byte header. */
        REPARSE,
        /** The raw encrypted file (EFSRPC format) of a file with FILE_ATTRIBUTE_ENCRYPTED. */
        ENCRYPTED
    }

    public boolean isEmpty() {
        return hash.isZero();
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    /** Whether the blob was found (empty streams count as found). */
    public boolean isAvailable() {
        return size >= 0;
    }

    public StreamEntry withSize(long newSize) {
        return new StreamEntry(type, name, hash, newSize);
    }
}
