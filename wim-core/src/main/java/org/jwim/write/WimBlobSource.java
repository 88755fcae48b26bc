package org.jwim.write;

import java.io.InputStream;
import org.jwim.Sha1Hash;
import org.jwim.compression.CompressionType;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.WimHeader;
import org.jwim.io.BlobInputStream;

/**
 * A blob already in a WIM (when exporting or rewriting); its hash is known.
 *
 * @param blob           the blob
 * @param wimCompression compression type of the WIM holding it: a blob that WIM stored
 *                       uncompressed (its data did not shrink with that compression) may be
 *                       copied as it is into a WIM written with the same compression and chunk size
 * @param wimChunkSize   chunk size of the WIM holding it (0 when uncompressed)
 */
public record WimBlobSource(BlobDescriptor blob, CompressionType wimCompression, int wimChunkSize)
        implements BlobSource {

    /** A blob of a WIM whose compression is not known (its uncompressed resource is copied only into uncompressed WIMs). */
    public WimBlobSource(BlobDescriptor blob) {
        this(blob, CompressionType.NONE, 0);
    }

    /** A blob of the WIM whose header is {@code h}. */
    public static WimBlobSource of(BlobDescriptor blob, WimHeader h) {
        CompressionType t = h.compressionType();
        return new WimBlobSource(blob, t, t == CompressionType.NONE ? 0 : h.chunkSize());
    }

    @Override
    public long size() {
        return blob.size();
    }

    @Override
    public InputStream open() {
        return new BlobInputStream(blob, true);
    }

    @Override
    public Sha1Hash knownHash() {
        return blob.hash();
    }

    @Override
    public String describe() {
        return "blob " + blob.hash();
    }
}
