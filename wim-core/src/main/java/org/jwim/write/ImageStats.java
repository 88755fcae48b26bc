package org.jwim.write;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jwim.Image;
import org.jwim.image.Dentry;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;

/**
 * The counts wimlib puts in an image's XML: per inode, its names count as directories or files,
 * and the sizes of all its streams count once per name in TOTALBYTES and once per extra name in
 * HARDLINKBYTES.
 */
public record ImageStats(long dirCount, long fileCount, long totalBytes, long hardLinkBytes) {

    public static ImageStats of(ImageTree tree) {
        long dirs = 0;
        long files = 0;
        long total = 0;
        long hard = 0;
        Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Dentry d : Image.walk(tree.root()).toList()) {
            Inode inode = d.inode();
            if (!seen.add(inode)) {
                continue;
            }
            long links = inode.links().size();
            if (inode.isDirectory()) {
                dirs += links;
            } else {
                files += links;
            }
            long size = 0;
            for (StreamEntry s : inode.streams()) {
                size += Math.max(0, s.size());
            }
            total += size * links;
            hard += size * (links - 1);
        }
        return new ImageStats(dirs, files, total, hard);
    }
}
