package org.jwim;

import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-1 message digest (20 bytes), as the WIM format keys blobs by. Immutable. */
public final class Sha1Hash implements Comparable<Sha1Hash> {
    /** Length of a SHA-1 digest in bytes. */
    public static final int LENGTH = 20;
    /** The all-zero hash the format uses for "no data". */
    public static final Sha1Hash ZERO = new Sha1Hash(new byte[LENGTH]);

    private final byte[] bytes;
    private final int hash;

    private Sha1Hash(byte[] bytes) {
        this.bytes = bytes;
        this.hash = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
    }

    /** The hash stored at {@code b[off, off + 20)}. */
    public static Sha1Hash of(byte[] b, int off) {
        return new Sha1Hash(Arrays.copyOfRange(b, off, off + LENGTH));
    }

    /** The hash with the given 20 bytes. */
    public static Sha1Hash of(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-1 has 20 bytes, not " + digest.length);
        }
        return new Sha1Hash(digest.clone());
    }

    /** Parses 40 hexadecimal digits. */
    public static Sha1Hash parse(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** Whether all 20 bytes are zero (the format's "empty stream"). */
    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the 20 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    /** Whether these are the 20 bytes at {@code b[off]}. */
    public boolean matches(byte[] b, int off) {
        return Arrays.equals(bytes, 0, LENGTH, b, off, off + LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha1Hash h && hash == h.hash && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Sha1Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** 40 lower-case hexadecimal digits. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
