package org.jwim.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jwim.Image;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.write.PendingStream;
import org.jwim.write.WimWriter;

/**
 * Applies update commands to an image's tree in memory, with wimlib's rules (update_image.c):
 * paths are absolute or relative to the root, '/' or '\' separated, case-sensitive; an add
 * creates missing parent directories, merges a directory into an existing one and replaces an
 * existing file; a rename follows POSIX rename(2). Hard links stay consistent: a deleted name
 * leaves the inode's other names.
 */
final class ImageEditor {
    private final Dentry root;
    private final int imageIndex;
    private final List<PendingStream> pending = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    ImageEditor(ImageTree tree, int imageIndex) {
        this.root = tree.root();
        this.imageIndex = imageIndex;
    }

    /** Streams of added files, whose data must be written. */
    List<PendingStream> pending() {
        return pending;
    }

    List<String> warnings() {
        return warnings;
    }

    /** The edited tree, with its inode list made anew from the names left. */
    ImageTree tree(ImageTree before) {
        Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Inode> inodes = new ArrayList<>();
        Image.walk(root).forEach(d -> {
            if (seen.add(d.inode())) {
                inodes.add(d.inode());
            }
        });
        return new ImageTree(root, before.security(), inodes, before.warnings());
    }

    /** Applies one command. */
    void apply(UpdateCommand c) throws IOException {
        if (c instanceof UpdateCommand.Add a) {
            add(a);
        } else if (c instanceof UpdateCommand.Delete d) {
            delete(d);
        } else {
            rename((UpdateCommand.Rename) c);
        }
    }

    static List<String> components(String path) {
        List<String> l = new ArrayList<>();
        for (String s : path.replace('\\', '/').split("/")) {
            if (!s.isEmpty()) {
                l.add(s);
            }
        }
        return l;
    }

    private Dentry lookup(List<String> comps) {
        Dentry d = root;
        for (String s : comps) {
            d = d.child(s);
            if (d == null) {
                return null;
            }
        }
        return d;
    }

    private static String show(List<String> comps) {
        return "/" + String.join("/", comps);
    }

    private void add(UpdateCommand.Add a) throws IOException {
        List<String> target = components(a.target());
        Capture.Result r = Capture.scanAny(a.source(), a.capture());
        warnings.addAll(r.warnings());
        Dentry branch = r.tree().root();
        if (target.isEmpty() && !branch.isDirectory()) {
            throw new IOException("\"" + a.source() + "\" is not a directory: only a directory can be added at the root");
        }
        pending.addAll(r.pending());
        if (target.isEmpty()) {
            merge(branch, root, a.noReplace());
            branch.detachFromInode();
            return;
        }
        Dentry parent = root;
        for (int i = 0; i < target.size() - 1; i++) {
            Dentry next = parent.child(target.get(i));
            if (next == null) {
                next = fillerDirectory(target.get(i));
                parent.addChild(next);
            } else if (!next.isDirectory()) {
                throw new IOException("\"" + show(target.subList(0, i + 1)) + "\" in the WIM image is not a directory");
            }
            parent = next;
        }
        String name = target.get(target.size() - 1);
        Dentry existing = parent.child(name);
        branch.rename(name);
        if (existing == null) {
            parent.addChild(branch);
        } else {
            conflict(branch, existing, a.noReplace());
        }
    }

    /** A directory made to hold an added file whose parent was missing, as wimlib makes it. */
    private static Dentry fillerDirectory(String name) {
        Inode inode = new Inode();
        inode.setAttributes(FileAttributes.DIRECTORY);
        long now = WimWriter.fileTimeNow();
        inode.setTimes(now, now, now);
        inode.setSecurityId(-1);
        return new Dentry(name, inode);
    }

    /** {@code branch} (not in the tree) meets {@code existing} of the same name. */
    private void conflict(Dentry branch, Dentry existing, boolean noReplace) throws IOException {
        if (branch.isDirectory() != existing.isDirectory()) {
            if (existing.isDirectory()) {
                throw new IOException("\"" + existing.path() + "\" is a directory: give the path at which to place"
                        + " the file inside it");
            }
            throw new IOException("cannot place a directory at \"" + existing.path()
                    + "\": a file that is not a directory is already there");
        }
        if (branch.isDirectory()) {
            merge(branch, existing, noReplace);
            branch.detachFromInode();
        } else if (noReplace) {
            throw new IOException("refusing to overwrite the file \"" + existing.path() + "\" (--no-replace)");
        } else {
            Dentry parent = existing.parent();
            unlinkTree(existing);
            parent.addChild(branch);
        }
    }

    /** Moves the children of the directory {@code from} (not in the tree) into the directory {@code into}. */
    private void merge(Dentry from, Dentry into, boolean noReplace) throws IOException {
        for (Dentry c : new ArrayList<>(from.children())) {
            Dentry existing = into.child(c.name());
            if (existing == null) {
                c.moveTo(into, c.name());
            } else {
                c.removeFromParent();
                conflict(c, existing, noReplace);
            }
        }
    }

    private void delete(UpdateCommand.Delete d) throws IOException {
        List<String> comps = components(d.path());
        Dentry target = lookup(comps);
        if (target == null) {
            if (d.force()) {
                return;
            }
            throw new IOException("path \"" + show(comps) + "\" does not exist in WIM image " + imageIndex);
        }
        if (target.isDirectory() && !d.recursive()) {
            throw new IOException("path \"" + show(comps) + "\" in WIM image " + imageIndex
                    + " is a directory, but a recursive delete was not asked for (--recursive)");
        }
        if (target.isRoot()) {
            for (Dentry c : new ArrayList<>(root.children())) {
                unlinkTree(c);
            }
            return;
        }
        unlinkTree(target);
    }

    /** Removes {@code d} and everything below it from the tree and from their inodes' names. */
    private static void unlinkTree(Dentry d) {
        for (Dentry c : new ArrayList<>(d.children())) {
            unlinkTree(c);
        }
        if (d.parent() != null) {
            d.parent().removeChild(d);
        } else {
            d.detachFromInode();
        }
    }

    private void rename(UpdateCommand.Rename r) throws IOException {
        List<String> from = components(r.from());
        List<String> to = components(r.to());
        Dentry src = lookup(from);
        if (src == null) {
            throw renameError(r, "no such file or directory");
        }
        if (src.isRoot() || to.isEmpty()) {
            throw renameError(r, "the root directory cannot be renamed or replaced");
        }
        Dentry dst = lookup(to);
        Dentry parentOfDst;
        if (dst != null) {
            if (dst == src) {
                return;
            }
            if (!src.isDirectory() && dst.isDirectory()) {
                throw renameError(r, "is a directory");
            }
            if (src.isDirectory() && !dst.isDirectory()) {
                throw renameError(r, "not a directory");
            }
            if (src.isDirectory() && !dst.children().isEmpty()) {
                throw renameError(r, "directory not empty");
            }
            parentOfDst = dst.parent();
        } else {
            parentOfDst = lookup(to.subList(0, to.size() - 1));
            if (parentOfDst == null) {
                throw renameError(r, "no such file or directory");
            }
            if (!parentOfDst.isDirectory()) {
                throw renameError(r, "not a directory");
            }
        }
        for (Dentry d = parentOfDst; d != null; d = d.parent()) {
            if (d == src) {
                throw renameError(r, "a directory cannot be moved into itself");
            }
        }
        if (dst != null) {
            unlinkTree(dst);
        }
        src.moveTo(parentOfDst, to.get(to.size() - 1));
    }

    private static IOException renameError(UpdateCommand.Rename r, String why) {
        return new IOException("cannot rename \"" + r.from() + "\" to \"" + r.to() + "\": " + why);
    }
}
