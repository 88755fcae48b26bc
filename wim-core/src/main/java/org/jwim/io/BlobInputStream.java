package org.jwim.io;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.jwim.WimFormatException;
import org.jwim.format.BlobDescriptor;

/**
 * The uncompressed bytes of one blob, read through the chunk cache. When read from start to end
 * without skipping, the SHA-1 is checked at the end: a mismatch fails the last read.
 */
public final class BlobInputStream extends InputStream {
    private final BlobDescriptor blob;
    private final MessageDigest digest;
    private long pos;
    private boolean hashing;
    private boolean checked;

    public BlobInputStream(BlobDescriptor blob, boolean verify) {
        this.blob = blob;
        this.hashing = verify;
        this.digest = verify ? Sha1Digests.newDigest() : null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long left = blob.size() - pos;
        if (left <= 0) {
            finish();
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = (int) Math.min(len, left);
        ResourceReader.read(blob.resource(), blob.offsetInResource() + pos, b, off, n);
        if (hashing) {
            digest.update(b, off, n);
        }
        pos += n;
        if (pos == blob.size()) {
            finish();
        }
        return n;
    }

    private void finish() throws IOException {
        if (hashing && !checked) {
            checked = true;
            byte[] actual = digest.digest();
            if (!blob.hash().matches(actual, 0)) {
                throw new WimFormatException(blob.resource().part().path(), blob.resource().header().offset(),
                        "SHA-1 mismatch in blob " + blob.hash() + ": its data hashes to "
                                + java.util.HexFormat.of().formatHex(actual));
            }
        }
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, blob.size() - pos));
        if (k > 0) {
            hashing = false;
        }
        pos += k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, blob.size() - pos);
    }
}
