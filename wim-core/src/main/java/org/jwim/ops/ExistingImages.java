package org.jwim.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Image;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.format.WimHeader;
import org.jwim.format.XmlElement;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.write.NewImage;
import org.jwim.write.PendingStream;
import org.jwim.write.WimBlobSource;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Images of an open WIM as images to write again (into another WIM, or into a rebuilt copy of
 * their own): every stream's blob becomes a source copied from the WIM, and the metadata resource
 * of an unchanged image is kept byte for byte.
 */
final class ExistingImages {
    private ExistingImages() {
    }

    /** Image {@code img} as it is, with the XML element {@code xml}. */
    static NewImage unchanged(Image img, XmlElement xml) throws IOException {
        Wim wim = img.wim();
        ImageTree tree = img.tree();
        return new NewImage(tree, streamsOf(wim, tree), xml, WimBlobSource.of(img.metadataBlob(), wim.header()));
    }

    /** A source for every non-empty stream of {@code tree}, whose blobs {@code wim} (or its parts and references) holds. */
    static List<PendingStream> streamsOf(Wim wim, ImageTree tree) throws IOException {
        List<PendingStream> l = new ArrayList<>();
        for (Inode inode : tree.inodes()) {
            if (inode.links().isEmpty()) {
                continue;
            }
            List<StreamEntry> streams = inode.streams();
            for (int i = 0; i < streams.size(); i++) {
                StreamEntry s = streams.get(i);
                if (!s.isEmpty()) {
                    l.add(new PendingStream(inode, i, source(wim, s.hash())));
                }
            }
        }
        return l;
    }

    /** The blob {@code h} of {@code wim} as a source, with the compression of the file that holds it. */
    static WimBlobSource source(Wim wim, Sha1Hash h) throws IOException {
        BlobDescriptor b = wim.blob(h);
        if (b == null) {
            String hint = wim.header().totalParts() > 1
                    ? " (it is a split WIM: give all its parts, with --ref)"
                    : " (if it is a delta WIM, give the WIMs it refers to with --ref)";
            throw new WimFormatException(wim.path(), -1, "blob " + h + " is not in the WIM" + hint);
        }
        WimBlobSource s = sourceIn(wim, b);
        return s != null ? s : new WimBlobSource(b);
    }

    /** {@code b} as a source with the compression of the WIM (part or reference) whose blob table lists it, or null. */
    private static WimBlobSource sourceIn(Wim wim, BlobDescriptor b) throws IOException {
        for (BlobTable t : wim.blobTables()) {
            if (t.get(b.hash()) == b) {
                // A part of this WIM or its split set: they share its compression.
                return WimBlobSource.of(b, wim.header());
            }
        }
        for (Wim ref : wim.references()) {
            WimBlobSource s = sourceIn(ref, b);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * What rewriting {@code wim} keeps by default, as wimlib does: its compression type and chunk
     * size, solid resources (with the type and chunk size of its first one) if it has any, the
     * pipable layout if it is pipable, an integrity table if it has one.
     */
    static WriteOptions sameAs(Wim wim) throws IOException {
        WimHeader h = wim.header();
        CompressionType type = h.compressionType();
        WriteOptions o = WriteOptions.defaults().withCompression(type, type == CompressionType.NONE ? 0 : h.chunkSize());
        for (BlobTable t : wim.blobTables()) {
            for (BlobDescriptor b : t.blobs()) {
                if (b.isInSolidResource()) {
                    o = o.withSolid(b.resource().compressionType(), b.resource().chunkSize());
                    break;
                }
            }
            if (o.solid()) {
                break;
            }
        }
        boolean integrity = !h.integrityTable().isEmpty() && h.integrityTable().offset() != 0;
        return o.withPipable(h.pipable()).withIntegrity(integrity);
    }

    /** The target of a rebuild of {@code wim}: its RP_FIX flag, GUID and the other elements of its XML root. */
    static WimWriter.Target rebuildTarget(Wim wim, int bootIndex) {
        return new WimWriter.Target(wim.header().hasFlag(WimHeader.FLAG_RP_FIX), bootIndex, wim.header().guid(),
                wim.xml().root().children());
    }

    /** Fails unless {@code wim} is a whole WIM (not a part of a split set). */
    static void requireWhole(Wim wim, String what) throws WimFormatException {
        if (wim.header().totalParts() != 1) {
            throw new WimFormatException(wim.path(), 0x2A, what + " does not work on a split WIM (part "
                    + wim.header().partNumber() + " of " + wim.header().totalParts() + "): join it first");
        }
    }

    /** The image indexes {@code indexes} checked against {@code wim}. */
    static void checkIndexes(Wim wim, List<Integer> indexes) {
        for (int i : indexes) {
            if (i < 1 || i > wim.imageCount()) {
                throw new IllegalArgumentException("image " + i + " does not exist: " + wim.path() + " has "
                        + wim.imageCount() + " image" + (wim.imageCount() == 1 ? "" : "s"));
            }
        }
    }
}
