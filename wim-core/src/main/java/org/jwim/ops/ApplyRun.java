package org.jwim.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.Image;
import org.jwim.WimFormatException;
import org.jwim.image.Inode;
import org.jwim.image.UnixData;
import org.jwim.io.Sha1Digests;
import org.jwim.ops.ApplyPlan.Alias;
import org.jwim.ops.ApplyPlan.BlobPlan;
import org.jwim.ops.ApplyPlan.DirNode;
import org.jwim.ops.ApplyPlan.Item;
import org.jwim.ops.ApplyPlan.Kind;

/**
 * Carries out an {@link ApplyPlan} in wimlib's order: directories; empty and special files; then
 * the blobs in file order, each written to every file it fills while its SHA-1 is checked, each
 * file given its times, owner and mode and renamed into place once complete; last the
 * directories' metadata, deepest first, so creating their contents does not change their times.
 */
final class ApplyRun implements BlobStreamer.Sink<BlobPlan> {
    /** Files one blob is written to at once; further ones are copied from the first when it is done. */
    static final int MAX_OPEN_FILES = 64;
    /** Largest single write (the JDK copies heap buffers through a direct buffer of that size). */
    private static final int WRITE_SLICE = 1 << 20;

    private final Image image;
    private final ApplyPlan plan;
    private final ApplyOptions options;
    private final boolean rpFix;
    private String fixRoot;
    private final TargetFs fs;
    private final ApplyProgress listener;
    private final List<String> warnings = new ArrayList<>();
    private final Map<BlobPlan, Active> active = new IdentityHashMap<>();
    private final ArrayDeque<MessageDigest> digests = new ArrayDeque<>();

    private long dirs;
    private long files;
    private long links;
    private long symlinks;
    private long specials;
    private long specialsRefused;
    private long bytesDone;
    private long namesDone;

    /** The files a blob is being written to, and its hash so far. */
    private static final class Active {
        final MessageDigest digest;
        final List<Item> items = new ArrayList<>();
        final List<Path> temps = new ArrayList<>();
        final List<FileChannel> channels = new ArrayList<>();
        final List<Item> deferred = new ArrayList<>();
        byte[] reparse;
        int reparseLength;

        Active(MessageDigest digest) {
            this.digest = digest;
        }
    }

    /**
     * @param rpFix whether fixed absolute link targets get the (real, absolute) destination
     *              directory put in front
     */
    ApplyRun(Image image, ApplyPlan plan, ApplyOptions options, boolean rpFix, TargetFs fs) {
        this.image = image;
        this.plan = plan;
        this.options = options;
        this.rpFix = rpFix;
        this.fs = fs;
        this.listener = options.progress();
    }

    /** Creates everything the plan says (the destination directories first, see {@link #createDirectories}). */
    ApplyResult run() throws IOException {
        for (String w : plan.warnings) {
            warn(w);
        }
        try {
            createDirectories();
            createDataless();
            new BlobStreamer<>(plan.blobs, (BlobPlan b) -> b.blob, options.effectiveThreads()).run(this);
            setDirectoryMetadata();
        } finally {
            abort();
        }
        if (specialsRefused > 0) {
            warn(specialsRefused + " special files were not extracted due to EPERM!");
        }
        listener.progress(bytesDone, plan.bytesTotal, namesDone, plan.namesTotal);
        return new ApplyResult(dirs, files, links, symlinks, specials, bytesDone, warnings);
    }

    private void warn(String message) {
        warnings.add(message);
        listener.warning(message);
    }

    private void progress() {
        listener.progress(bytesDone, plan.bytesTotal, namesDone, plan.namesTotal);
    }

    /**
     * Every directory, parents first. The destination may already exist, and may be a link to a
     * directory (the caller's choice); its parent must exist, as with wimlib.
     */
    void createDirectories() throws IOException {
        for (DirNode d : plan.dirs) {
            try {
                if (d.destination) {
                    if (!Files.isDirectory(d.path)) {
                        Files.createDirectory(d.path, TargetFs.DIR_MODE);
                    }
                } else {
                    fs.mkdir(d.path);
                }
            } catch (IOException e) {
                throw failure("Can't create directory", d.path, e);
            }
            if (d.dentry != null) {
                dirs++;
                namesDone++;
            }
            if (d.destination && rpFix && fixRoot == null) {
                fixRoot = d.path.toRealPath().toString();
            }
        }
        progress();
    }

    /** Empty regular files and special files: they need no blob. */
    private void createDataless() throws IOException {
        for (Item item : plan.items) {
            if (item.stream != null) {
                continue;
            }
            Alias first = item.aliases.get(0);
            Path tmp = fs.tempIn(first.dir().path);
            if (item.kind == Kind.SPECIAL) {
                try {
                    fs.special(tmp, item.unix.mode(), item.unix.rdev());
                } catch (TargetFs.NotPermitted e) {
                    warn("Can't create special file \"" + first.path() + "\": " + e.getMessage());
                    specialsRefused++;
                    continue;
                } catch (IOException e) {
                    throw failure("Can't create special file", first.path(), e);
                }
                specials++;
            } else {
                try {
                    fs.createTemp(tmp).close();
                } catch (IOException e) {
                    throw failure("Can't create regular file", first.path(), e);
                }
                files++;
            }
            finish(item, tmp);
        }
        progress();
    }

    private static IOException failure(String what, Path path, IOException cause) {
        String reason = cause instanceof FileSystemException f && f.getReason() != null ? f.getReason() : cause.toString();
        return new IOException(what + " \"" + path + "\": " + reason, cause);
    }

    @Override
    public void begin(BlobPlan bp) throws IOException {
        MessageDigest md = digests.isEmpty() ? Sha1Digests.newDigest() : digests.pop();
        Active a = new Active(md);
        active.put(bp, a);
        for (Item item : bp.targets) {
            if (item.kind == Kind.SYMLINK) {
                if (a.reparse == null) {
                    a.reparse = new byte[(int) bp.blob.size()];
                }
                continue;
            }
            if (a.channels.size() >= MAX_OPEN_FILES) {
                a.deferred.add(item);
                continue;
            }
            Alias first = item.aliases.get(0);
            Path tmp = fs.tempIn(first.dir().path);
            FileChannel ch;
            try {
                ch = fs.createTemp(tmp);
            } catch (IOException e) {
                throw failure("Can't create regular file", first.path(), e);
            }
            a.items.add(item);
            a.temps.add(tmp);
            a.channels.add(ch);
        }
    }

    @Override
    public void data(BlobPlan bp, byte[] b, int off, int len) throws IOException {
        Active a = active.get(bp);
        a.digest.update(b, off, len);
        for (int i = 0; i < a.channels.size(); i++) {
            FileChannel ch = a.channels.get(i);
            try {
                for (int p = off; p < off + len; ) {
                    ByteBuffer buf = ByteBuffer.wrap(b, p, Math.min(WRITE_SLICE, off + len - p));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    p = buf.position();
                }
            } catch (IOException e) {
                throw failure("Error writing", a.items.get(i).aliases.get(0).path(), e);
            }
        }
        if (a.reparse != null) {
            int n = Math.min(len, a.reparse.length - a.reparseLength);
            System.arraycopy(b, off, a.reparse, a.reparseLength, n);
            a.reparseLength += n;
        }
    }

    @Override
    public void end(BlobPlan bp) throws IOException {
        Active a = active.remove(bp);
        byte[] actual = a.digest.digest();
        digests.push(a.digest);
        if (!bp.blob.hash().matches(actual, 0)) {
            close(a);
            for (Path t : a.temps) {
                fs.discard(t);
            }
            throw new WimFormatException(bp.blob.resource().part().path(), bp.blob.resource().header().offset(),
                    "the data of \"" + bp.targets.get(0).imagePath() + "\" is corrupt: blob " + bp.blob.hash()
                            + " hashes to " + HexFormat.of().formatHex(actual));
        }
        for (int i = 0; i < a.items.size(); i++) {
            Item item = a.items.get(i);
            try {
                a.channels.get(i).close();
            } catch (IOException e) {
                throw failure("Error closing", item.aliases.get(0).path(), e);
            }
            files++;
            finish(item, a.temps.get(i));
            bytesDone += bp.blob.size();
            progress();
        }
        for (Item item : a.deferred) {
            copyFrom(a.items.get(0).aliases.get(0).path(), item, bp.blob.size());
        }
        for (Item item : bp.targets) {
            if (item.kind == Kind.SYMLINK) {
                symlink(item, a.reparse);
                bytesDone += bp.blob.size();
                progress();
            }
        }
    }

    /** A further file with the same data as the finished file at {@code source}. */
    private void copyFrom(Path source, Item item, long size) throws IOException {
        Alias first = item.aliases.get(0);
        Path tmp = fs.tempIn(first.dir().path);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel out = fs.createTemp(tmp)) {
            long pos = 0;
            while (pos < size) {
                long n = in.transferTo(pos, size - pos, out);
                if (n <= 0) {
                    throw new IOException("short copy from " + source);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw failure("Can't create regular file", first.path(), e);
        }
        files++;
        finish(item, tmp);
        bytesDone += size;
        progress();
    }

    private void symlink(Item item, byte[] data) throws IOException {
        Alias first = item.aliases.get(0);
        String target = LinkTarget.of(item.inode, data, fixRoot);
        if (target == null || target.indexOf('\0') >= 0) {
            throw new WimFormatException(image.wim().path(), -1, "Can't create symbolic link \"" + first.path()
                    + "\": the reparse data of \"" + item.imagePath() + "\" is not a valid symbolic link or junction");
        }
        Path tmp = fs.tempIn(first.dir().path);
        try {
            fs.symlink(tmp, target);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new IOException("Can't create symbolic link \"" + first.path() + "\": " + e.getMessage(), e);
        }
        symlinks++;
        finish(item, tmp);
    }

    /**
     * Gives the file at {@code tmp} its metadata (times first: opening a file for them needs read
     * permission its final mode may take away; owner before mode, as chown clears set-id bits),
     * then all its names: hard links for the extra ones, and the first one by renaming.
     */
    private void finish(Item item, Path tmp) throws IOException {
        Inode inode = item.inode;
        Alias first = item.aliases.get(0);
        try {
            if (item.kind == Kind.SPECIAL) {
                fs.specialTimes(tmp, inode.lastAccessTime(), inode.lastWriteTime());
            } else {
                ApplyTimes.set(tmp, inode.lastAccessTime(), inode.lastWriteTime(), item.kind == Kind.SYMLINK);
            }
        } catch (IOException e) {
            warn("Can't set timestamps on \"" + first.path() + "\": " + reason(e));
        }
        if (item.unix != null) {
            setOwnerAndMode(tmp, first.path(), item.unix, item.kind);
        }
        for (int i = 1; i < item.aliases.size(); i++) {
            Path alias = item.aliases.get(i).path();
            try {
                fs.link(tmp, alias);
            } catch (IOException e) {
                fs.discard(tmp);
                throw failure("Can't create hard link", alias, e);
            }
            links++;
        }
        try {
            fs.commit(tmp, first.path());
        } catch (IOException e) {
            fs.discard(tmp);
            throw failure(item.kind == Kind.SYMLINK ? "Can't create symbolic link" : "Can't create file", first.path(), e);
        }
        namesDone += item.aliases.size();
    }

    private void setOwnerAndMode(Path p, Path shown, UnixData u, Kind kind) {
        try {
            Files.setAttribute(p, "unix:uid", u.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", u.gid(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            warn("Can't set uid=" + Integer.toUnsignedString(u.uid()) + " and gid=" + Integer.toUnsignedString(u.gid())
                    + " on \"" + shown + "\": " + reason(e));
        }
        if (kind == Kind.SYMLINK) {
            return;
        }
        try {
            // By path (chmod), not through an open file: opening a FIFO would block.
            Files.setAttribute(p, "unix:mode", u.mode() & 07777);
        } catch (IOException | UnsupportedOperationException e) {
            warn("Can't set mode=0" + Integer.toOctalString(u.mode() & 07777) + " on \"" + shown + "\": " + reason(e));
        }
    }

    private static String reason(Exception e) {
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    }

    /** Times, owner and mode of the image's directories, deepest first. */
    private void setDirectoryMetadata() {
        for (int i = plan.dirs.size() - 1; i >= 0; i--) {
            DirNode d = plan.dirs.get(i);
            if (d.dentry == null) {
                continue;
            }
            Inode inode = d.dentry.inode();
            try {
                ApplyTimes.set(d.path, inode.lastAccessTime(), inode.lastWriteTime(), false);
            } catch (IOException e) {
                warn("Can't set timestamps on \"" + d.path + "\": " + reason(e));
            }
            UnixData u = options.unixData() ? inode.unixData() : null;
            if (u != null) {
                setOwnerAndMode(d.path, d.path, u, Kind.FILE);
            }
        }
    }

    /** Closes what a failure left open (its temporaries are deleted with the {@link TargetFs}). */
    private void abort() {
        for (Active a : active.values()) {
            close(a);
        }
        active.clear();
    }

    private static void close(Active a) {
        for (FileChannel ch : a.channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // the temporary is deleted anyway
            }
        }
    }
}
