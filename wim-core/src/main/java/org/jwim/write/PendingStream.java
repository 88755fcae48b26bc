package org.jwim.write;

import org.jwim.image.Inode;

/**
 * A stream of an image being written whose data is not yet in the WIM: stream
 * {@code streamIndex} of {@code inode} gets the hash of {@code source}'s data once written.
 */
public record PendingStream(Inode inode, int streamIndex, BlobSource source) {
}
