package org.jwim.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.Sha1Hash;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.io.ResourceReader;
import org.jwim.io.WimPart;
import org.jwim.io.WimResource;

/**
 * The blob table (lookup table) of one WIM part: 50-byte entries telling where each blob's data
 * is, plus the metadata resources of the images in table order. Read as wimlib reads it: metadata
 * entries with reference count 0 are skipped, entries of other parts and entries with a zero hash
 * are ignored, the first of duplicate hashes wins, and solid runs are resolved through their
 * resources' headers.
 */
public final class BlobTable {
    /** Size of one entry on disk. */
    public static final int ENTRY_SIZE = 50;
    /** Most entries accepted (about 2 GiB of table). */
    static final long MAX_ENTRIES = Integer.MAX_VALUE / ENTRY_SIZE;

    private final List<BlobDescriptor> blobs;
    private final List<BlobDescriptor> metadata;
    private final Map<Sha1Hash, BlobDescriptor> byHash;
    private final int rawEntryCount;
    private final int solidResourceCount;

    private BlobTable(List<BlobDescriptor> blobs, List<BlobDescriptor> metadata, Map<Sha1Hash, BlobDescriptor> byHash,
                      int rawEntryCount, int solidResourceCount) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.byHash = byHash;
        this.rawEntryCount = rawEntryCount;
        this.solidResourceCount = solidResourceCount;
    }

    /** Every kept blob (metadata included), in table order. */
    public List<BlobDescriptor> blobs() {
        return blobs;
    }

    /** The metadata resources, in table order: entry {@code i} belongs to image {@code i + 1}. */
    public List<BlobDescriptor> metadata() {
        return metadata;
    }

    /** The blob with this hash in this part, or null. */
    public BlobDescriptor get(Sha1Hash hash) {
        return byHash.get(hash);
    }

    /** Number of 50-byte entries stored, whatever was kept. */
    public int rawEntryCount() {
        return rawEntryCount;
    }

    /** Number of solid resources described. */
    public int solidResourceCount() {
        return solidResourceCount;
    }

    /** The raw bytes of the blob table of {@code part} (whole entries only). */
    public static byte[] readRaw(WimPart part, WimHeader h) throws IOException {
        ResourceHeader r = h.blobTable();
        if (r.isEmpty()) {
            return new byte[0];
        }
        long count = r.uncompressedSize() / ENTRY_SIZE;
        if (count > MAX_ENTRIES || (!r.isCompressed() && r.uncompressedSize() > part.size()) || r.isSolid()) {
            throw new WimFormatException(part.path(), 0x30, "blob table of " + r.uncompressedSize()
                    + " bytes is larger than the file allows" + (r.isSolid() ? " (or solid)" : ""));
        }
        WimResource res = WimResource.nonSolid(part, r, h.compressionType(), h.chunkSize(), h.pipable());
        byte[] t = new byte[(int) (count * ENTRY_SIZE)];
        ResourceReader.read(res, 0, t, 0, t.length);
        return t;
    }

    /** Reads the blob table of {@code part}, whose header is {@code h}. */
    public static BlobTable read(WimPart part, WimHeader h, List<String> warnings) throws IOException {
        byte[] t = readRaw(part, h);
        return parse(part, h, t, t.length / ENTRY_SIZE, warnings);
    }

    private static BlobTable parse(WimPart part, WimHeader h, byte[] t, int count, List<String> warnings)
            throws IOException {
        List<BlobDescriptor> blobs = new ArrayList<>();
        List<BlobDescriptor> metadata = new ArrayList<>();
        Map<Sha1Hash, BlobDescriptor> byHash = new HashMap<>();
        long tableAt = h.blobTable().offset();
        int solidResources = 0;
        int i = 0;
        while (i < count) {
            ResourceHeader rh = ResourceHeader.read(t, i * ENTRY_SIZE);
            if (rh.isSolid()) {
                int end = i;
                while (end < count && ResourceHeader.read(t, end * ENTRY_SIZE).isSolid()) {
                    end++;
                }
                solidResources += readSolidRun(part, h, t, i, end, blobs, byHash, warnings);
                i = end;
                continue;
            }
            int at = i * ENTRY_SIZE;
            int partNumber = LittleEndian.getU16(t, at + 24);
            int refCount = LittleEndian.getInt(t, at + 26);
            Sha1Hash hash = Sha1Hash.of(t, at + 30);
            long entryOffset = tableAt + at;
            i++;
            if (rh.isMetadata()) {
                if (refCount == 0) {
                    continue;
                }
                if (partNumber != h.partNumber()) {
                    continue;
                }
                WimResource res = WimResource.nonSolid(part, rh, h.compressionType(), h.chunkSize(), h.pipable());
                BlobDescriptor d = new BlobDescriptor(hash, rh.uncompressedSize(), refCount, partNumber, res, 0,
                        rh.flags(), i - 1, rh);
                if (metadata.size() == h.imageCount()) {
                    warnings.add("more metadata resources than the " + h.imageCount() + " images; ignoring the one at "
                            + rh.offset());
                    continue;
                }
                metadata.add(d);
                blobs.add(d);
                continue;
            }
            if (partNumber != h.partNumber() || hash.isZero() || rh.uncompressedSize() == 0) {
                continue;
            }
            if (byHash.containsKey(hash)) {
                warnings.add("blob " + hash + " is listed twice in the blob table; using the first entry");
                continue;
            }
            WimResource res;
            try {
                res = WimResource.nonSolid(part, rh, h.compressionType(), h.chunkSize(), h.pipable());
            } catch (WimFormatException e) {
                throw new WimFormatException(part.path(), entryOffset, "blob table entry " + (i - 1) + ": " + e.getMessage(), e);
            }
            BlobDescriptor d = new BlobDescriptor(hash, rh.uncompressedSize(), refCount, partNumber, res, 0,
                    rh.flags(), i - 1, rh);
            blobs.add(d);
            byHash.put(hash, d);
        }
        return new BlobTable(Collections.unmodifiableList(blobs), Collections.unmodifiableList(metadata), byHash,
                count, solidResources);
    }

    /**
     * Entries {@code [from, to)} form a solid run: resource entries (uncompressed size
     * {@link ResourceHeader#SOLID_RESOURCE_MAGIC_SIZE}) and blob entries whose offsets count from
     * the start of the run's resources taken in entry order.
     */
    private static int readSolidRun(WimPart part, WimHeader h, byte[] t, int from, int to, List<BlobDescriptor> blobs,
                                    Map<Sha1Hash, BlobDescriptor> byHash, List<String> warnings) throws IOException {
        long tableAt = h.blobTable().offset();
        List<WimResource> resources = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        long total = 0;
        for (int i = from; i < to; i++) {
            ResourceHeader rh = ResourceHeader.read(t, i * ENTRY_SIZE);
            if (rh.uncompressedSize() == ResourceHeader.SOLID_RESOURCE_MAGIC_SIZE) {
                int partNumber = LittleEndian.getU16(t, i * ENTRY_SIZE + 24);
                if (partNumber != h.partNumber()) {
                    continue;
                }
                WimResource res;
                try {
                    res = WimResource.solid(part, rh);
                } catch (WimFormatException e) {
                    throw new WimFormatException(part.path(), tableAt + (long) i * ENTRY_SIZE, "solid resource entry " + i
                            + ": " + e.getMessage(), e);
                }
                resources.add(res);
                starts.add(total);
                total += res.uncompressedSize();
            }
        }
        for (int i = from; i < to; i++) {
            int at = i * ENTRY_SIZE;
            ResourceHeader rh = ResourceHeader.read(t, at);
            if (rh.uncompressedSize() == ResourceHeader.SOLID_RESOURCE_MAGIC_SIZE) {
                continue;
            }
            int partNumber = LittleEndian.getU16(t, at + 24);
            int refCount = LittleEndian.getInt(t, at + 26);
            Sha1Hash hash = Sha1Hash.of(t, at + 30);
            if (partNumber != h.partNumber() || hash.isZero() || rh.sizeInWim() == 0) {
                continue;
            }
            if (rh.isMetadata()) {
                throw new WimFormatException(part.path(), tableAt + at, "metadata resource in a solid resource is not supported");
            }
            long size = rh.sizeInWim();
            long offset = rh.offset();
            int k = resources.size() - 1;
            while (k >= 0 && starts.get(k) > offset) {
                k--;
            }
            if (k < 0 || offset < 0 || size > resources.get(k).uncompressedSize() - (offset - starts.get(k))) {
                throw new WimFormatException(part.path(), tableAt + at, "solid blob " + hash + " (" + size + " bytes at "
                        + offset + ") lies outside the solid resources of its run (" + total + " bytes)");
            }
            if (byHash.containsKey(hash)) {
                warnings.add("blob " + hash + " is listed twice in the blob table; using the first entry");
                continue;
            }
            BlobDescriptor d = new BlobDescriptor(hash, size, refCount, partNumber, resources.get(k),
                    offset - starts.get(k), rh.flags(), i, rh);
            blobs.add(d);
            byHash.put(hash, d);
        }
        return resources.size();
    }
}
