package org.jwim.format;

import java.io.ByteArrayOutputStream;
import org.jwim.Sha1Hash;
import org.jwim.compression.LittleEndian;

/** Builds a blob table: 50-byte entries appended in the order given. */
public final class BlobTableWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] entry = new byte[BlobTable.ENTRY_SIZE];

    /** Appends an entry. */
    public void add(ResourceHeader r, int partNumber, int refCount, Sha1Hash hash) {
        r.write(entry, 0);
        LittleEndian.putU16(entry, 24, partNumber);
        LittleEndian.putInt(entry, 26, refCount);
        hash.copyTo(entry, 30);
        out.write(entry, 0, entry.length);
    }

    /** Appends a raw 50-byte entry (kept from an existing table). */
    public void addRaw(byte[] b, int off) {
        out.write(b, off, BlobTable.ENTRY_SIZE);
    }

    public int count() {
        return out.size() / BlobTable.ENTRY_SIZE;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}
