package org.jwim.ops;

import java.util.ArrayList;
import java.util.List;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.Inode;
import org.jwim.image.TaggedItem;

/**
 * Counts what the image holds that a Linux directory cannot (named streams, security descriptors,
 * DOS attributes and names...), to give one summary warning per kind, in the words and order of
 * wimlib's UNIX apply.
 */
final class IgnoredFeatures {
    private long encryptedFiles;
    private long namedStreams;
    private long readonly;
    private long hidden;
    private long system;
    private long compressed;
    private long notContentIndexed;
    private long sparse;
    private long encryptedDirs;
    private long otherReparsePoints;
    private long securityDescriptors;
    private long unixData;
    private long xattrs;
    private long objectIds;
    private long shortNames;

    /** Counts {@code d}'s DOS name and, when {@code firstName}, its inode's features. */
    void count(Dentry d, boolean firstName) {
        if (!d.shortName().isEmpty()) {
            shortNames++;
        }
        if (!firstName) {
            return;
        }
        Inode inode = d.inode();
        int a = inode.attributes();
        readonly += bit(a, FileAttributes.READONLY);
        hidden += bit(a, FileAttributes.HIDDEN);
        system += bit(a, FileAttributes.SYSTEM);
        compressed += bit(a, FileAttributes.COMPRESSED);
        notContentIndexed += bit(a, FileAttributes.NOT_CONTENT_INDEXED);
        sparse += bit(a, FileAttributes.SPARSE_FILE);
        if ((a & FileAttributes.ENCRYPTED) != 0) {
            if ((a & FileAttributes.DIRECTORY) != 0) {
                encryptedDirs++;
            } else {
                encryptedFiles++;
            }
        }
        if (!inode.namedStreams().isEmpty()) {
            namedStreams++;
        }
        if ((a & FileAttributes.REPARSE_POINT) != 0 && !LinkTarget.isLink(inode)) {
            otherReparsePoints++;
        }
        if (inode.securityId() >= 0) {
            securityDescriptors++;
        }
        if (inode.unixData() != null) {
            unixData++;
        }
        if (inode.taggedItem(TaggedItem.TAG_XATTRS) != null || inode.taggedItem(TaggedItem.TAG_WIMLIB_LINUX_XATTRS) != null) {
            xattrs++;
        }
        if (inode.taggedItem(TaggedItem.TAG_OBJECT_ID) != null) {
            objectIds++;
        }
    }

    private static int bit(int attributes, int flag) {
        return (attributes & flag) != 0 ? 1 : 0;
    }

    /** The summary warnings, in wimlib's order. */
    List<String> warnings(boolean unixDataRestored) {
        List<String> w = new ArrayList<>();
        add(w, encryptedFiles, "Ignoring EFS-encrypted data of %d files");
        add(w, namedStreams, "Ignoring named data streams of %d files");
        add(w, readonly, "Ignoring FILE_ATTRIBUTE_READONLY of %d files");
        add(w, hidden, "Ignoring FILE_ATTRIBUTE_HIDDEN of %d files");
        add(w, system, "Ignoring FILE_ATTRIBUTE_SYSTEM of %d files");
        add(w, compressed, "Ignoring FILE_ATTRIBUTE_COMPRESSED of %d files");
        add(w, notContentIndexed, "Ignoring FILE_ATTRIBUTE_NOT_CONTENT_INDEXED of %d files");
        add(w, sparse, "Ignoring FILE_ATTRIBUTE_SPARSE_FILE of %d files");
        add(w, encryptedDirs, "Ignoring FILE_ATTRIBUTE_ENCRYPTED of %d directories");
        add(w, otherReparsePoints, "Ignoring reparse data of %d non-symlink/junction files");
        add(w, securityDescriptors, "Ignoring Windows NT security descriptors of %d files");
        if (!unixDataRestored) {
            add(w, unixData, "Ignoring UNIX metadata (uid/gid/mode/rdev) of %d files\n"
                    + "          (use --unix-data mode to extract these)");
        }
        // wimlib restores Linux extended attributes with --unix-data; jwim does not (yet).
        add(w, xattrs, "Ignoring extended attributes of %d files");
        add(w, objectIds, "Ignoring object IDs of %d files");
        add(w, shortNames, "Ignoring DOS names of %d files");
        return w;
    }

    private static void add(List<String> w, long count, String format) {
        if (count > 0) {
            w.add(String.format(format, count));
        }
    }
}
