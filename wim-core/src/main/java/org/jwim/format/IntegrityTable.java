package org.jwim.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.jwim.WimFormatException;
import org.jwim.compression.LittleEndian;
import org.jwim.io.Sha1Digests;
import org.jwim.io.WimPart;

/**
 * The integrity table: SHA-1s of the file's raw bytes from the end of the header to the end of
 * the blob table, in chunks of {@code chunkSize} bytes (10 MiB as wimlib writes it).
 */
public final class IntegrityTable {
    private final int chunkSize;
    private final byte[][] hashes;

    public IntegrityTable(int chunkSize, byte[][] hashes) {
        this.chunkSize = chunkSize;
        this.hashes = hashes;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int count() {
        return hashes.length;
    }

    /** The table as stored: total size, entry count, chunk size, then the SHA-1s. */
    public byte[] toBytes() {
        byte[] b = new byte[12 + 20 * hashes.length];
        LittleEndian.putInt(b, 0, b.length);
        LittleEndian.putInt(b, 4, hashes.length);
        LittleEndian.putInt(b, 8, chunkSize);
        for (int i = 0; i < hashes.length; i++) {
            System.arraycopy(hashes[i], 0, b, 12 + 20 * i, 20);
        }
        return b;
    }

    /** Reads the table of {@code part}, or returns null if it has none. */
    public static IntegrityTable read(WimPart part, WimHeader h) throws IOException {
        ResourceHeader r = h.integrityTable();
        if (r.isEmpty() || r.offset() == 0) {
            return null;
        }
        if (r.isCompressed() || r.sizeInWim() < 12 || r.sizeInWim() > part.size()) {
            throw new WimFormatException(part.path(), 0x7C, "invalid integrity table resource of " + r.sizeInWim() + " bytes");
        }
        byte[] b = part.read(r.offset(), (int) r.sizeInWim(), "integrity table");
        long size = LittleEndian.getU32(b, 0);
        long n = LittleEndian.getU32(b, 4);
        int chunkSize = LittleEndian.getInt(b, 8);
        if (size != b.length || n != (size - 12) / 20 || 12 + 20 * n != size) {
            throw new WimFormatException(part.path(), r.offset(), "integrity table size " + size + " and entry count " + n
                    + " do not agree with its resource of " + b.length + " bytes");
        }
        if (chunkSize <= 0) {
            throw new WimFormatException(part.path(), r.offset() + 8, "integrity table chunk size " + chunkSize + " is invalid");
        }
        byte[][] hashes = new byte[(int) n][];
        for (int i = 0; i < n; i++) {
            hashes[i] = java.util.Arrays.copyOfRange(b, 12 + 20 * i, 32 + 20 * i);
        }
        return new IntegrityTable(chunkSize, hashes);
    }

    /**
     * Checks the file's bytes against the table.
     *
     * @return descriptions of the chunks that do not match (empty when all match)
     */
    public List<String> verify(WimPart part, WimHeader h) throws IOException {
        List<String> problems = new ArrayList<>();
        long start = WimHeader.SIZE;
        long end = h.blobTable().end();
        if (end < start || end > part.size()) {
            problems.add("the blob table ends at " + end + ", outside the file");
            return problems;
        }
        long expectedChunks = (end - start + chunkSize - 1) / chunkSize;
        if (expectedChunks != hashes.length) {
            problems.add("integrity table has " + hashes.length + " entries but the checked region needs "
                    + expectedChunks);
            return problems;
        }
        MessageDigest md = Sha1Digests.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < hashes.length; i++) {
            long from = start + (long) i * chunkSize;
            long to = Math.min(end, from + chunkSize);
            md.reset();
            for (long pos = from; pos < to; ) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), to - pos));
                int n = part.channel().read(buf, pos);
                if (n <= 0) {
                    throw new WimFormatException(part.path(), pos, "unexpected end of file while checking integrity");
                }
                md.update(buf.array(), 0, n);
                pos += n;
            }
            if (!java.util.Arrays.equals(md.digest(), hashes[i])) {
                problems.add("integrity check failed for bytes " + from + " to " + to + " (chunk " + i + ")");
            }
        }
        return problems;
    }
}
