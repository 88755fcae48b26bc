package org.jwim.write;

import org.jwim.Sha1Hash;
import org.jwim.format.ResourceHeader;

/**
 * A blob as written: its hash and size, and its blob-table resource header (for a blob in a solid
 * resource: flags SOLID, size = blob size, offset = offset in the solid resource's data).
 */
public record WrittenBlob(Sha1Hash hash, long size, ResourceHeader reshdr) {
}
