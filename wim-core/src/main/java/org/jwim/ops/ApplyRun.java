package org.jwim.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * the blobs in file order, each checked against its SHA-1 and written to every file it fills, each
 * file given its times, owner and mode and renamed into place once complete; last the
 * directories' metadata, deepest first, so creating their contents does not change their times.
 *
 * <p>A small blob is gathered in memory, checked, and handed to a {@link ParallelFileWriter}, so
 * many small files are created on several threads; a large one is streamed to its files as it is
 * decoded (a file never appears under its name before the whole blob has been checked).
 */
final class ApplyRun implements BlobStreamer.Sink<BlobPlan> {
    /**
     * Blobs up to this size are gathered and written in the background; larger ones are streamed
     * (the gathering buffers stay clear of G1's humongous objects, see {@link BlobStreamer}).
     */
    static final int SMALL_BLOB = 256 << 10;
    /** Files one large blob is written to at once; further ones are copied from the first when it is done. */
    static final int MAX_OPEN_FILES = 64;
    /** Largest single write (the JDK copies heap buffers through a direct buffer of that size). */
    private static final int WRITE_SLICE = 1 << 20;

    private final Image image;
    private final ApplyPlan plan;
    private final ApplyOptions options;
    private final boolean rpFix;
    private final TargetFs fs;
    private final FileFinisher finisher;
    private final ApplyProgress listener;
    private final List<String> warnings = new ArrayList<>();
    private final Map<BlobPlan, Active> active = new IdentityHashMap<>();
    private final ArrayDeque<MessageDigest> digests = new ArrayDeque<>();
    private ParallelFileWriter writer;
    private String fixRoot;
    private long dirs;
    private long specialsRefused;

    /** A blob being read: its hash so far, and its bytes (small blob) or the files it streams to. */
    private static final class Active {
        final MessageDigest digest;
        byte[] gathered;
        int length;
        final List<Item> items = new ArrayList<>();
        final List<Path> temps = new ArrayList<>();
        final List<FileChannel> channels = new ArrayList<>();
        final List<Item> deferred = new ArrayList<>();

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
        this.finisher = new FileFinisher(fs);
        this.listener = options.progress();
    }

    /** Creates everything the plan says. */
    ApplyResult run() throws IOException {
        plan.warnings.forEach(finisher::warn);
        flushWarnings();
        int writers = Math.max(2, Math.min(8, options.effectiveThreads()));
        writer = new ParallelFileWriter(fs, finisher, writers);
        try {
            createDirectories();
            createDataless();
            new BlobStreamer<>(plan.blobs, (BlobPlan b) -> b.blob, options.effectiveThreads()).run(this);
            writer.finishAll();
            setDirectoryMetadata();
        } finally {
            abort();
            writer.close();
        }
        if (specialsRefused > 0) {
            finisher.warn(specialsRefused + " special files were not extracted due to EPERM!");
        }
        progress();
        return new ApplyResult(dirs, finisher.files.sum(), finisher.links.sum(), finisher.symlinks.sum(),
                finisher.specials.sum(), finisher.bytes.sum(), warnings);
    }

    /** Hands warnings gathered on any thread to the listener, on this one. */
    private void flushWarnings() {
        for (String w; (w = finisher.warnings.poll()) != null; ) {
            warnings.add(w);
            listener.warning(w);
        }
    }

    private void progress() {
        flushWarnings();
        listener.progress(finisher.bytes.sum(), plan.bytesTotal, dirs + finisher.names.sum(), plan.namesTotal);
    }

    /**
     * Every directory, parents first. The destination may already exist, and may be a link to a
     * directory (the caller's choice); its parent must exist, as with wimlib.
     */
    private void createDirectories() throws IOException {
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
                throw FileFinisher.failure("Can't create directory", d.path, e);
            }
            if (d.dentry != null) {
                dirs++;
            }
            if (d.destination && rpFix && fixRoot == null) {
                fixRoot = d.path.toRealPath().toString();
            }
        }
        progress();
    }

    /** Empty regular files (in the background) and special files: they need no blob. */
    private void createDataless() throws IOException {
        byte[] none = new byte[0];
        for (Item item : plan.items) {
            if (item.stream != null) {
                continue;
            }
            if (item.kind != Kind.SPECIAL) {
                writer.submit(List.of(item), none, 0);
                continue;
            }
            Alias first = item.aliases.get(0);
            Path tmp = fs.tempIn(first.dir().path);
            try {
                fs.special(tmp, item.unix.mode(), item.unix.rdev());
            } catch (TargetFs.NotPermitted e) {
                finisher.warn("Can't create special file \"" + first.path() + "\": " + e.getMessage());
                specialsRefused++;
                continue;
            } catch (IOException e) {
                throw FileFinisher.failure("Can't create special file", first.path(), e);
            }
            finisher.specials.increment();
            finisher.finish(item, tmp);
        }
        progress();
    }

    @Override
    public void begin(BlobPlan bp) throws IOException {
        writer.checkFailure();
        MessageDigest md = digests.isEmpty() ? Sha1Digests.newDigest() : digests.pop();
        Active a = new Active(md);
        active.put(bp, a);
        boolean links = false;
        for (Item item : bp.targets) {
            links |= item.kind == Kind.SYMLINK;
        }
        if (links || bp.blob.size() <= SMALL_BLOB) {
            // Symlinks need the whole reparse data; small files go to the writer threads.
            a.gathered = new byte[(int) Math.min(bp.blob.size(), SMALL_BLOB)];
            return;
        }
        for (Item item : bp.targets) {
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
                throw FileFinisher.failure("Can't create regular file", first.path(), e);
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
        if (a.gathered != null) {
            int n = Math.min(len, a.gathered.length - a.length);
            System.arraycopy(b, off, a.gathered, a.length, n);
            a.length += n;
            return;
        }
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
                throw FileFinisher.failure("Error writing", a.items.get(i).aliases.get(0).path(), e);
            }
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
        if (a.gathered != null) {
            List<Item> files = new ArrayList<>(bp.targets.size());
            for (Item item : bp.targets) {
                if (item.kind == Kind.SYMLINK) {
                    symlink(item, a.gathered);
                } else {
                    files.add(item);
                }
            }
            if (!files.isEmpty()) {
                writer.submit(files, a.gathered, a.length);
            }
            progress();
            return;
        }
        for (int i = 0; i < a.items.size(); i++) {
            Item item = a.items.get(i);
            try {
                a.channels.get(i).close();
            } catch (IOException e) {
                throw FileFinisher.failure("Error closing", item.aliases.get(0).path(), e);
            }
            finisher.files.increment();
            finisher.finish(item, a.temps.get(i));
            finisher.bytes.add(bp.blob.size());
        }
        for (Item item : a.deferred) {
            copyFrom(a.items.get(0).aliases.get(0).path(), item, bp.blob.size());
        }
        progress();
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
            throw FileFinisher.failure("Can't create regular file", first.path(), e);
        }
        finisher.files.increment();
        finisher.finish(item, tmp);
        finisher.bytes.add(size);
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
        finisher.symlinks.increment();
        finisher.finish(item, tmp);
        finisher.bytes.add(data.length);
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
                finisher.warn("Can't set timestamps on \"" + d.path + "\": " + FileFinisher.reason(e));
            }
            UnixData u = options.unixData() ? inode.unixData() : null;
            if (u != null) {
                finisher.setOwnerAndMode(d.path, d.path, u, false);
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
