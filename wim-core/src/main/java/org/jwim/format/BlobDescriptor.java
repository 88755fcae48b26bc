package org.jwim.format;

import org.jwim.Sha1Hash;
import org.jwim.io.WimResource;

/**
 * One blob: a stream's data (or an image's metadata), known by its SHA-1, and where its bytes are:
 * {@code size} bytes from {@code offsetInResource} of the uncompressed data of {@code resource}.
 *
 * @param hash             SHA-1 of the uncompressed bytes
 * @param size             uncompressed size
 * @param refCount         reference count stored in the blob table (informational)
 * @param partNumber       part of a split set that holds it
 * @param resource         the resource holding it (a solid resource may hold many blobs)
 * @param offsetInResource where the blob starts in the resource's uncompressed data
 * @param tableFlags       the reshdr flags of its blob table entry
 * @param tableIndex       position of its entry in the blob table
 * @param tableEntry       the reshdr of its entry as stored
 */
public record BlobDescriptor(Sha1Hash hash, long size, int refCount, int partNumber, WimResource resource,
                             long offsetInResource, int tableFlags, int tableIndex, ResourceHeader tableEntry) {

    public boolean isMetadata() {
        return (tableFlags & ResourceHeader.FLAG_METADATA) != 0;
    }

    /** Whether it lives in a solid resource. */
    public boolean isInSolidResource() {
        return resource.isSolid();
    }

    /** Whether the resource is compressed (chunked or solid with a compression format). */
    public boolean isCompressed() {
        return resource.isCompressed();
    }
}
