package org.jwim.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jwim.Sha1Hash;
import org.jwim.compression.LittleEndian;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.format.ResourceHeader;
import org.jwim.io.WimResource;

/**
 * Blob entries as wimlib-imagex prints them ({@code info --blobs} and the streams of
 * {@code dir --detailed}), and the order {@code info --blobs} lists them in.
 */
final class BlobText {
    private final PrintStream out;

    BlobText(PrintStream out) {
        this.out = out;
    }

    /** A stream whose data is empty: wimlib prints an all-zero entry. */
    void empty() {
        out.print("Hash              = 0x" + Sha1Hash.ZERO + "\n");
        out.print("Uncompressed size = 0 bytes\n");
        out.print("Compressed size   = 0 bytes\n");
        out.print("Offset in WIM     = 0 bytes\n");
        out.print("Part Number       = 0\n");
        out.print("Reference Count   = 0\n");
        out.print("Flags             = \n\n");
    }

    /** A stream whose blob is in no WIM part given: only its hash. */
    void missing(Sha1Hash hash) {
        out.print("Hash              = 0x" + hash + "\n\n");
    }

    /** One blob's entry, ending with an empty line. */
    void blob(BlobDescriptor b) {
        WimResource r = b.resource();
        ResourceHeader rh = r.header();
        out.print("Hash              = 0x" + b.hash() + "\n");
        out.print("Uncompressed size = " + b.size() + " bytes\n");
        if (r.isSolid()) {
            out.print("Solid resource    = " + Long.toUnsignedString(r.uncompressedSize()) + " => " + rh.sizeInWim()
                    + " bytes @ offset " + Long.toUnsignedString(rh.offset()) + "\n");
            out.print("Solid offset      = " + b.offsetInResource() + " bytes\n");
        } else {
            out.print("Compressed size   = " + rh.sizeInWim() + " bytes\n");
            out.print("Offset in WIM     = " + Long.toUnsignedString(rh.offset()) + " bytes\n");
        }
        out.print("Part Number       = " + b.partNumber() + "\n");
        out.print("Reference Count   = " + Integer.toUnsignedString(b.refCount()) + "\n");
        out.print("Flags             = " + flagsText(b) + "\n\n");
    }

    /**
     * The flags wimlib shows: COMPRESSED, FREE, SPANNED and SOLID of the resource holding the blob
     * (the solid resource's entry for a solid blob), METADATA when it is an image's metadata.
     */
    static String flagsText(BlobDescriptor b) {
        int f = b.resource().header().flags();
        StringBuilder s = new StringBuilder();
        if ((f & ResourceHeader.FLAG_COMPRESSED) != 0) {
            s.append("WIM_RESHDR_FLAG_COMPRESSED  ");
        }
        if (b.isMetadata()) {
            s.append("WIM_RESHDR_FLAG_METADATA  ");
        }
        if ((f & ResourceHeader.FLAG_FREE) != 0) {
            s.append("WIM_RESHDR_FLAG_FREE  ");
        }
        if ((f & ResourceHeader.FLAG_SPANNED) != 0) {
            s.append("WIM_RESHDR_FLAG_SPANNED  ");
        }
        if ((f & ResourceHeader.FLAG_SOLID) != 0) {
            s.append("WIM_RESHDR_FLAG_SOLID  ");
        }
        return s.toString();
    }

    /**
     * The blobs of a part in the order wimlib iterates its lookup table: the images' metadata
     * first, then the other blobs in the order of wimlib's hash table. That table has
     * {@code roundup_pow_of_2(entries)} buckets chosen by the hash's first 8 bytes (little-endian)
     * and puts each new blob at the head of its bucket.
     *
     * @param metadataFirst whether the metadata blobs are listed (only part 1 of a set has images)
     */
    static List<BlobDescriptor> wimlibOrder(BlobTable table, boolean metadataFirst) {
        List<BlobDescriptor> l = new ArrayList<>();
        if (metadataFirst) {
            l.addAll(table.metadata());
        }
        long mask = roundUpPowerOfTwo(table.rawEntryCount()) - 1;
        List<BlobDescriptor> others = new ArrayList<>();
        for (BlobDescriptor b : table.blobs()) {
            if (!b.isMetadata()) {
                others.add(b);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            order.add(i);
        }
        long[] buckets = new long[others.size()];
        for (int i = 0; i < others.size(); i++) {
            byte[] h = others.get(i).hash().toByteArray();
            buckets[i] = LittleEndian.getLong(h, 0) & mask;
        }
        order.sort(Comparator.<Integer>comparingLong(i -> buckets[i]).thenComparing(Comparator.reverseOrder()));
        for (int i : order) {
            l.add(others.get(i));
        }
        return l;
    }

    private static long roundUpPowerOfTwo(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }
}
