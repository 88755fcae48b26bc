package org.jwim.ops;

import org.jwim.image.FileAttributes;
import org.jwim.image.Inode;
import org.jwim.image.ReparsePoint;

/**
 * The UNIX link target of a symbolic link or junction reparse point, as wimlib's
 * wim_inode_readlink makes it: a relative symlink keeps its path; any other has the NT device
 * prefix ({@code \??\C:}, {@code \DosDevices\X:}, {@code \Device\Name}) stripped, and when the
 * image marks it as fixed (RP_FIX at capture) and fix-ups are on, the target directory is put in
 * front, so it points into the applied tree. Backslashes become slashes and slashes backslashes.
 */
final class LinkTarget {
    private static final String[] NT_ROOTS = {"\\??\\", "\\DosDevices\\", "\\Device\\"};

    private LinkTarget() {
    }

    /** Whether the inode is applied as a symbolic link (a symlink or junction reparse point). */
    static boolean isLink(Inode inode) {
        return inode.hasAttribute(FileAttributes.REPARSE_POINT)
                && (inode.reparseTag() == ReparsePoint.TAG_SYMLINK || inode.reparseTag() == ReparsePoint.TAG_MOUNT_POINT);
    }

    /**
     * The link target for reparse data {@code data} (without its 8-byte header) of {@code inode},
     * or null when the data is not a well-formed symlink or junction.
     *
     * @param fixRoot the absolute target directory to prefix fixed absolute links with, or null
     */
    static String of(Inode inode, byte[] data, String fixRoot) {
        ReparsePoint rp = ReparsePoint.decode(inode.reparseTag(), data);
        if (rp == null) {
            return null;
        }
        String t = rp.substituteName();
        boolean fixable = false;
        if (!(rp.tag() == ReparsePoint.TAG_SYMLINK && rp.relative())) {
            for (String root : NT_ROOTS) {
                if (t.startsWith(root)) {
                    int p = root.length();
                    while (p < t.length() && t.charAt(p) == '\\') {
                        p++;
                    }
                    while (p < t.length() && t.charAt(p) != '\\') {
                        p++;
                    }
                    t = t.substring(p);
                    break;
                }
            }
            fixable = (inode.reparseFlags() & ReparsePoint.RP_NOT_FIXED) == 0;
        }
        StringBuilder b = new StringBuilder(t.length() + (fixRoot == null ? 0 : fixRoot.length()));
        if (fixable && fixRoot != null) {
            b.append(fixRoot);
        } else if (t.isEmpty()) {
            // An absolute link to the root of its volume: "/" rather than an invalid empty target.
            return "/";
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c == '\\' ? '/' : c == '/' ? '\\' : c);
        }
        return b.toString();
    }
}
