package org.jwim.image;

import java.util.List;

/**
 * An image's tree as read from (or to be written to) a metadata resource.
 *
 * @param root     the root directory
 * @param security the security descriptors
 * @param inodes   every inode, in the order first met
 * @param warnings oddities met while reading (ignored entries and the like), as wimlib warns
 */
public record ImageTree(Dentry root, SecurityData security, List<Inode> inodes, List<String> warnings) {
}
