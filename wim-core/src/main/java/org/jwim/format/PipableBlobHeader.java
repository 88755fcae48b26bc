package org.jwim.format;

import org.jwim.Sha1Hash;
import org.jwim.compression.LittleEndian;

/**
 * The 40-byte header wimlib puts before every resource of a pipable WIM, so a reader of a stream
 * can tell what follows: a magic number, the uncompressed size, the SHA-1 and the resource flags.
 */
public final class PipableBlobHeader {
    public static final int SIZE = 40;
    public static final long MAGIC = 0x2B9B9BA2443DB9D8L;

    private PipableBlobHeader() {
    }

    /** The header bytes. */
    public static byte[] of(long uncompressedSize, Sha1Hash hash, int flags) {
        byte[] b = new byte[SIZE];
        LittleEndian.putLong(b, 0, MAGIC);
        LittleEndian.putLong(b, 8, uncompressedSize);
        hash.copyTo(b, 16);
        LittleEndian.putInt(b, 36, flags);
        return b;
    }
}
