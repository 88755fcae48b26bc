package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jwim.Image;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.format.BlobDescriptor;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.image.UnixData;

/**
 * What applying some trees of an image creates, worked out before anything is written: the
 * directories (each path built only from names {@link PathSafety} accepts), the other files by
 * inode with all their names (hard links), and the blobs to read with the files each one fills.
 * Entries Linux cannot hold are left out here, with the warnings wimlib gives.
 */
final class ApplyPlan {
    /** Largest reparse data wimlib applies (a 16 KiB reparse buffer less its 8-byte header). */
    static final int MAX_REPARSE_DATA = 16 * 1024 - 8;
    /** Deeper trees are refused: no Linux path could hold them, and a hand-made tree might loop. */
    static final int MAX_DEPTH = 4096;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    /**
     * A directory to create: one of the image ({@code dentry}), or the destination itself, which
     * takes the metadata of the image directory applied to it, if any.
     */
    static final class DirNode {
        final Dentry dentry;
        final Path path;
        final boolean destination;

        DirNode(Dentry dentry, Path path, boolean destination) {
            this.dentry = dentry;
            this.path = path;
            this.destination = destination;
        }
    }

    /** One name of an item: {@code name} in directory {@code dir}. */
    record Alias(DirNode dir, String name, Dentry dentry) {
        Path path() {
            return dir.path.resolve(name);
        }
    }

    /** What a non-directory becomes on Linux. */
    enum Kind { FILE, SYMLINK, SPECIAL }

    /** A non-directory inode to create under one or more names. */
    static final class Item {
        final Inode inode;
        final Kind kind;
        /** The data (file content or reparse data) or null for an empty file or a special file. */
        final StreamEntry stream;
        /** The UNIX data to restore, or null. */
        final UnixData unix;
        final List<Alias> aliases = new ArrayList<>(1);

        Item(Inode inode, Kind kind, StreamEntry stream, UnixData unix) {
            this.inode = inode;
            this.kind = kind;
            this.stream = stream;
            this.unix = unix;
        }

        /** The image path of its first name, for messages. */
        String imagePath() {
            return aliases.get(0).dentry().path();
        }
    }

    /** A blob to read once and the items it fills. */
    static final class BlobPlan {
        final BlobDescriptor blob;
        final List<Item> targets = new ArrayList<>(1);

        BlobPlan(BlobDescriptor blob) {
            this.blob = blob;
        }
    }

    final List<DirNode> dirs = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    final List<BlobPlan> blobs = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    long bytesTotal;
    long namesTotal;

    private final Image image;
    private final ApplyOptions options;
    private final Map<Inode, Item> byInode = new IdentityHashMap<>();
    private final Set<Inode> unlinkable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final IgnoredFeatures ignored = new IgnoredFeatures();
    private final Set<Inode> counted = Collections.newSetFromMap(new IdentityHashMap<>());
    private long invalidNames;

    private ApplyPlan(Image image, ApplyOptions options) {
        this.image = image;
        this.options = options;
    }

    /** The plan for the whole image applied to {@code target}. */
    static ApplyPlan forImage(Image image, Path target, ApplyOptions options) throws IOException {
        ApplyPlan p = new ApplyPlan(image, options);
        p.addTree(image.root(), null, target);
        p.finish();
        return p;
    }

    /**
     * The plan for extracting {@code trees} (dentries of {@code image}) into {@code dest}: each
     * straight into it, or below the directories leading to it when
     * {@link ApplyOptions#preserveDirStructure()}.
     */
    static ApplyPlan forTrees(Image image, List<Dentry> trees, Path dest, ApplyOptions options) throws IOException {
        ApplyPlan p = new ApplyPlan(image, options);
        List<Dentry> tops = outermost(trees);
        if (options.preserveDirStructure()) {
            Map<Dentry, DirNode> ancestors = new IdentityHashMap<>();
            for (Dentry t : tops) {
                if (t.isRoot()) {
                    p.addTree(t, null, dest);
                    continue;
                }
                DirNode parent = p.ancestorDirs(t.parent(), dest, ancestors);
                if (parent != null) {
                    p.addTree(t, parent, dest);
                }
            }
        } else {
            DirNode destNode = new DirNode(null, dest, true);
            p.dirs.add(destNode);
            for (Dentry t : tops) {
                p.addTree(t, t.isRoot() ? null : destNode, dest);
            }
        }
        p.finish();
        return p;
    }

    /** The trees without repeats and without those inside another. */
    private static List<Dentry> outermost(List<Dentry> trees) {
        Set<Dentry> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.addAll(trees);
        List<Dentry> out = new ArrayList<>();
        Set<Dentry> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Dentry t : trees) {
            if (!seen.add(t)) {
                continue;
            }
            boolean inside = false;
            for (Dentry a = t.parent(); a != null && !inside; a = a.parent()) {
                inside = chosen.contains(a);
            }
            if (!inside) {
                out.add(t);
            }
        }
        return out;
    }

    /** The directory for {@code dir} and its ancestors (made on first need), or null if one cannot be made. */
    private DirNode ancestorDirs(Dentry dir, Path dest, Map<Dentry, DirNode> made) throws IOException {
        DirNode known = made.get(dir);
        if (known != null) {
            return known;
        }
        DirNode node;
        if (dir.isRoot()) {
            node = new DirNode(dir, dest, true);
            count(dir);
        } else {
            DirNode parent = ancestorDirs(dir.parent(), dest, made);
            if (parent == null) {
                return null;
            }
            String name = fsName(dir);
            if (name == null) {
                return null;
            }
            if (!extractsAsDirectory(dir.inode())) {
                warn("Not extracting \"" + dir.path() + "\" and what is below it: it is not a directory");
                return null;
            }
            count(dir);
            node = new DirNode(dir, parent.path.resolve(name), false);
        }
        dirs.add(node);
        made.put(dir, node);
        return node;
    }

    static boolean extractsAsDirectory(Inode inode) {
        return inode.isDirectory() && !LinkTarget.isLink(inode);
    }

    private void count(Dentry d) {
        ignored.count(d, counted.add(d.inode()));
        namesTotal++;
    }

    private void warn(String message) {
        warnings.add(message);
    }

    /** The Linux name of {@code d} (validated, or replaced), or null (with a warning) to skip it. */
    private String fsName(Dentry d) throws IOException {
        String name = d.name();
        String problem = PathSafety.problem(name);
        if (problem != null) {
            String shown = d.path().replace("\0", "\\0");
            if (!options.replaceInvalidNames()) {
                warn("Not extracting \"" + shown + "\": has an invalid filename that is not supported on this platform ("
                        + problem + ")");
                return null;
            }
            name = PathSafety.replacement(name, ++invalidNames);
            warn("\"" + shown + "\" has an invalid filename that is not supported on this platform (" + problem
                    + "); extracting dummy name instead");
        }
        if (!PathSafety.encodable(name)) {
            throw new IOException("cannot write the file name of \"" + d.path() + "\": " + PathSafety.encodingAdvice());
        }
        return name;
    }

    private record Pending(Dentry dentry, DirNode parent, int depth) {
    }

    /**
     * Adds the tree at {@code top} in pre-order: below {@code parent}, or as the destination
     * {@code dest} itself when {@code parent} is null.
     */
    private void addTree(Dentry top, DirNode parent, Path dest) throws IOException {
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(top, parent, 0));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            Dentry d = p.dentry();
            if (p.depth() > MAX_DEPTH) {
                throw new WimFormatException(image.wim().path(), -1, "directory tree of image " + image.index()
                        + " is deeper than " + MAX_DEPTH + " levels at " + d.path());
            }
            Inode inode = d.inode();
            DirNode node;
            if (p.parent() == null) {
                if (!extractsAsDirectory(inode)) {
                    warn("\"" + d.path() + "\" is not a directory; extracting it as one (it is the top of the tree)");
                }
                node = new DirNode(d, dest, true);
            } else {
                String name = fsName(d);
                if (name == null) {
                    continue;
                }
                if (!extractsAsDirectory(inode)) {
                    addAlias(new Alias(p.parent(), name, d));
                    if (!d.children().isEmpty()) {
                        warn("Not extracting the " + d.children().size() + " entries below \"" + d.path() + "\": it is "
                                + (LinkTarget.isLink(inode) ? "a symbolic link or junction" : "not a directory"));
                    }
                    continue;
                }
                node = new DirNode(d, p.parent().path.resolve(name), false);
            }
            count(d);
            dirs.add(node);
            List<Dentry> children = d.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Pending(children.get(i), node, p.depth() + 1));
            }
        }
    }

    private void addAlias(Alias a) {
        Inode inode = a.dentry().inode();
        if (unlinkable.contains(inode)) {
            return;
        }
        Item item = byInode.get(inode);
        if (item == null) {
            item = newItem(a.dentry());
            if (item == null) {
                unlinkable.add(inode);
                return;
            }
            byInode.put(inode, item);
            items.add(item);
        }
        count(a.dentry());
        item.aliases.add(a);
    }

    /** How {@code d}'s inode is created, or null (with a warning) when it is not. */
    private Item newItem(Dentry d) {
        Inode inode = d.inode();
        if (LinkTarget.isLink(inode)) {
            StreamEntry rp = inode.reparseStream();
            if (rp == null || rp.isEmpty()) {
                warn("Not extracting symbolic link \"" + d.path() + "\": it has no reparse data");
                return null;
            }
            return new Item(inode, Kind.SYMLINK, rp, options.unixData() ? inode.unixData() : null);
        }
        StreamEntry data = inode.hasAttribute(FileAttributes.ENCRYPTED) ? null : inode.unnamedData();
        if (data != null && data.isEmpty()) {
            data = null;
        }
        UnixData unix = options.unixData() ? inode.unixData() : null;
        int type = unix == null ? S_IFREG : unix.mode() & S_IFMT;
        boolean special = data == null && type != S_IFREG && type != 0;
        return new Item(inode, special ? Kind.SPECIAL : Kind.FILE, data, unix);
    }

    /** Finds every blob, checks it can be applied, and orders nothing yet (the reader does). */
    private void finish() throws IOException {
        warnings.addAll(0, ignored.warnings(options.unixData()));
        Wim wim = image.wim();
        Map<Sha1Hash, BlobPlan> byHash = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.stream == null) {
                continue;
            }
            Sha1Hash h = item.stream.hash();
            BlobPlan bp = byHash.get(h);
            if (bp == null) {
                BlobDescriptor b = wim.blob(h);
                if (b == null) {
                    throw new WimFormatException(wim.path(), -1, "the data of \"" + item.imagePath() + "\" (blob " + h
                            + ") is not in this WIM (if it is part of a split or delta WIM, give the other parts with --ref)");
                }
                if (b.offsetInResource() < 0 || b.size() < 0
                        || b.offsetInResource() > b.resource().uncompressedSize() - b.size()) {
                    throw new WimFormatException(b.resource().part().path(), b.resource().header().offset(), "blob " + h
                            + " (" + b.size() + " bytes at " + b.offsetInResource() + ") lies outside its resource of "
                            + b.resource().uncompressedSize() + " bytes");
                }
                bp = new BlobPlan(b);
                byHash.put(h, bp);
                blobs.add(bp);
            }
            if (item.kind == Kind.SYMLINK && bp.blob.size() > MAX_REPARSE_DATA) {
                throw new WimFormatException(wim.path(), -1, "reparse data of \"" + item.imagePath() + "\" has size "
                        + bp.blob.size() + " bytes (exceeds " + MAX_REPARSE_DATA + " bytes)");
            }
            bp.targets.add(item);
            bytesTotal += bp.blob.size();
        }
    }
}
