package org.jwim.ops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.Sha1Hash;
import org.jwim.compression.LittleEndian;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.ReparsePoint;
import org.jwim.image.SecurityData;
import org.jwim.image.StreamEntry;
import org.jwim.image.SymlinkReparse;
import org.jwim.image.TaggedItem;
import org.jwim.write.BytesBlobSource;
import org.jwim.write.FileBlobSource;
import org.jwim.write.PendingStream;
import org.jwim.write.ProgressListener;

/**
 * Scans a directory tree on Linux into an image, as wimlib-imagex capture does on UNIX: regular
 * files (attribute NORMAL; data read later by the writer), directories, symbolic links as symlink
 * reparse points (absolute targets inside the tree made relative to its root when reparse-point
 * fixing is on), hard links as one inode with several names, times (creation and last write from
 * mtime, last access from atime) and, with UNIX data, owner, group, mode and device number - and
 * then special files too (FIFOs, devices, sockets), which are otherwise left out with a warning.
 */
public final class Capture {
    /** What to capture and how. */
    public record Options(boolean unixData, boolean dereference, boolean rpFix, CaptureConfig config,
                          ProgressListener progress) {
        public static Options defaults() {
            return new Options(false, false, true, CaptureConfig.none(), ProgressListener.NONE);
        }

        public Options withUnixData(boolean on) {
            return new Options(on, dereference, rpFix, config, progress);
        }

        public Options withDereference(boolean on) {
            return new Options(unixData, on, rpFix, config, progress);
        }

        public Options withRpFix(boolean on) {
            return new Options(unixData, dereference, on, config, progress);
        }

        public Options withConfig(CaptureConfig c) {
            return new Options(unixData, dereference, rpFix, c, progress);
        }

        public Options withProgress(ProgressListener p) {
            return new Options(unixData, dereference, rpFix, config, p);
        }
    }

    /** The scanned image: its tree and the streams whose data the writer must read. */
    public record Result(ImageTree tree, List<PendingStream> pending, List<String> warnings) {
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private final Path root;
    private final Options options;
    private final List<PendingStream> pending = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Inode> inodes = new ArrayList<>();
    private final Map<String, Inode> byDevIno = new HashMap<>();
    private Object rootKey;
    private int skippedSpecial;

    private Capture(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    /** Scans the directory {@code source}. */
    public static Result scan(Path source, Options options) throws IOException {
        Capture c = new Capture(source.toAbsolutePath().normalize(), options);
        return c.run();
    }

    /**
     * Scans {@code source} whatever it is: a directory as {@link #scan} does, any other file as a
     * tree of that one file (the result's root is the file, named "").
     *
     * @throws IOException also for a special file left out without UNIX data
     */
    public static Result scanAny(Path source, Options options) throws IOException {
        Path abs = source.toAbsolutePath().normalize();
        Map<String, Object> a = Files.readAttributes(abs, "unix:*",
                options.dereference() ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
        if ((mode(a) & S_IFMT) == S_IFDIR) {
            return scan(source, options);
        }
        Path parent = abs.getParent() != null ? abs.getParent() : abs;
        Capture c = new Capture(parent, options);
        c.rootKey = devIno(c.attrs(parent, true));
        Dentry d = c.scanEntry(abs, "", "/" + abs.getFileName());
        if (d == null) {
            throw new IOException("\"" + source + "\" is a special file (FIFO, device or socket): add it with"
                    + " --unix-data to keep it");
        }
        return new Result(new ImageTree(d, new SecurityData(List.of()), c.inodes, List.of()), c.pending, c.warnings);
    }

    private Result run() throws IOException {
        Map<String, Object> rootAttrs = attrs(root, true);
        if ((mode(rootAttrs) & S_IFMT) != S_IFDIR) {
            throw new IOException("\"" + root + "\": the root of a capture must be a directory");
        }
        rootKey = devIno(rootAttrs);
        Dentry top = new Dentry("", newInode(root, rootAttrs));
        top.inode().setAttributes(FileAttributes.DIRECTORY);
        scanDirectory(top, root, "");
        if (skippedSpecial > 0) {
            warnings.add("excluded " + skippedSpecial + " special file" + (skippedSpecial == 1 ? "" : "s")
                    + " (FIFOs, devices, sockets); capture with --unix-data to keep them");
        }
        return new Result(new ImageTree(top, new SecurityData(List.of()), inodes, List.of()), pending, warnings);
    }

    private Map<String, Object> attrs(Path p, boolean follow) throws IOException {
        return Files.readAttributes(p, "unix:*", follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
    }

    private static int mode(Map<String, Object> a) {
        return (Integer) a.get("mode");
    }

    private static String devIno(Map<String, Object> a) {
        return a.get("dev") + ":" + a.get("ino");
    }

    private Inode newInode(Path p, Map<String, Object> a) {
        Inode inode = new Inode();
        long mtime = fileTime((FileTime) a.get("lastModifiedTime"));
        long atime = fileTime((FileTime) a.get("lastAccessTime"));
        inode.setTimes(mtime, atime, mtime);
        inode.setSecurityId(-1);
        if (options.unixData()) {
            byte[] d = new byte[16];
            LittleEndian.putInt(d, 0, (Integer) a.get("uid"));
            LittleEndian.putInt(d, 4, (Integer) a.get("gid"));
            LittleEndian.putInt(d, 8, (Integer) a.get("mode"));
            LittleEndian.putInt(d, 12, (int) (long) (Long) a.get("rdev"));
            inode.taggedItems().add(new TaggedItem(TaggedItem.TAG_WIMLIB_UNIX_DATA, d));
        }
        inodes.add(inode);
        options.progress().scanned(p.toString());
        return inode;
    }

    /** FILETIME (100 ns units since 1601) of a file time. */
    static long fileTime(FileTime t) {
        java.time.Instant i = t.toInstant();
        return (i.getEpochSecond() + 11644473600L) * 10_000_000L + i.getNano() / 100;
    }

    private void scanDirectory(Dentry dir, Path path, String imagePath) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
            for (Path p : ds) {
                entries.add(p);
            }
        }
        for (Path child : entries) {
            String name = child.getFileName().toString();
            String childImagePath = imagePath + "/" + name;
            if (options.config().excludes(childImagePath)) {
                continue;
            }
            Dentry d = scanEntry(child, name, childImagePath);
            if (d != null && !dir.addChild(d)) {
                warnings.add("\"" + child + "\": a file of that name is already in the image; skipped");
                d.detachFromInode();
            }
        }
    }

    private Dentry scanEntry(Path p, String name, String imagePath) throws IOException {
        Map<String, Object> a;
        try {
            a = attrs(p, options.dereference());
        } catch (NoSuchFileException e) {
            if (options.dereference() && Files.isSymbolicLink(p)) {
                a = attrs(p, false); // a dangling link is kept as a link
            } else {
                throw e;
            }
        }
        int mode = mode(a);
        int type = mode & S_IFMT;
        boolean special = type != S_IFREG && type != S_IFDIR && type != S_IFLNK;
        if (special && !options.unixData()) {
            skippedSpecial++;
            return null;
        }
        String key = devIno(a);
        if (type != S_IFDIR) {
            Inode seen = byDevIno.get(key);
            if (seen != null) {
                return new Dentry(name, seen);
            }
        }
        Inode inode = newInode(p, a);
        if (type != S_IFDIR && (Integer) a.get("nlink") > 1) {
            byDevIno.put(key, inode);
        }
        Dentry d = new Dentry(name, inode);
        switch (type) {
            case S_IFREG -> {
                inode.setAttributes(FileAttributes.NORMAL);
                long size = (Long) a.get("size");
                inode.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, size));
                if (size > 0) {
                    pending.add(new PendingStream(inode, 0, new FileBlobSource(p, size)));
                }
            }
            case S_IFDIR -> {
                inode.setAttributes(FileAttributes.DIRECTORY);
                scanDirectory(d, p, imagePath);
            }
            case S_IFLNK -> scanSymlink(p, inode);
            default -> {
                // A special file with UNIX data: no data, no attributes, as wimlib stores it.
                inode.setAttributes(0);
                inode.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
            }
        }
        return d;
    }

    private void scanSymlink(Path p, Inode inode) throws IOException {
        String target = Files.readSymbolicLink(p).toString();
        int rpFlags = ReparsePoint.RP_NOT_FIXED;
        if (options.rpFix() && target.startsWith("/")) {
            String fixed = relativizeToRoot(target);
            if (fixed != null) {
                target = fixed;
                rpFlags = 0;
            }
        }
        byte[] data = SymlinkReparse.forUnixTarget(target);
        inode.setAttributes(FileAttributes.REPARSE_POINT);
        inode.setReparse(ReparsePoint.TAG_SYMLINK, 0, rpFlags);
        if (Files.isDirectory(p)) {
            inode.setAttributes(inode.attributes() | FileAttributes.DIRECTORY);
        }
        inode.streams().add(new StreamEntry(StreamEntry.Type.REPARSE, "", Sha1Hash.ZERO, data.length));
        pending.add(new PendingStream(inode, 0, new BytesBlobSource(data, p + " (link)")));
        if (!inode.isDirectory()) {
            inode.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
        }
    }

    /**
     * If the absolute {@code target} leads into the capture root, the part after the root (leading
     * slashes kept; empty for the root itself), as wimlib finds it: by comparing each ancestor of
     * the target with the root's device and inode, which also sees through other links to it.
     */
    private String relativizeToRoot(String target) {
        int p = 0;
        int n = target.length();
        while (p < n) {
            while (p < n && target.charAt(p) == '/') {
                p++;
            }
            if (p >= n) {
                break;
            }
            while (p < n && target.charAt(p) != '/') {
                p++;
            }
            try {
                Map<String, Object> a = attrs(Path.of(target.substring(0, p)), true);
                if (devIno(a).equals(rootKey)) {
                    return target.substring(p);
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

}
