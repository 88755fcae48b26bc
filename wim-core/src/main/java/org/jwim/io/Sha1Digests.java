package org.jwim.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 digests for blob hashing: the JDK's implementation (HotSpot has intrinsics for it), one
 * reusable instance per thread.
 */
public final class Sha1Digests {
    private static final ThreadLocal<MessageDigest> LOCAL = ThreadLocal.withInitial(Sha1Digests::newDigest);

    private Sha1Digests() {
    }

    /** A new SHA-1 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** This thread's digest, reset. */
    public static MessageDigest threadLocal() {
        MessageDigest d = LOCAL.get();
        d.reset();
        return d;
    }

    /** SHA-1 of {@code b[off, off + len)}. */
    public static byte[] sha1(byte[] b, int off, int len) {
        MessageDigest d = threadLocal();
        d.update(b, off, len);
        return d.digest();
    }
}
