package org.jwim.fs;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.io.Sha1Digests;
import org.jwim.ops.Apply;
import org.jwim.ops.ApplyOptions;

/**
 * DISM's offline-servicing workflow (Mount-Image, Commit-Image, Unmount-Image, Remount-Image,
 * Get-MountedImageInfo, Cleanup-Mountpoints) where no FUSE mount is used: the image is extracted to
 * the mount directory and the original tree is recorded in a state file beside it
 * ({@link MountState}); a commit compares the directory with that record and writes only what
 * changed, as a new version of the image (append mode, header last), through a read-write
 * {@link WimFileSystem}. Mounts are listed in a {@link MountRegistry}.
 */
public final class ExtractedMount {
    private final MountRegistry registry;

    public ExtractedMount(MountRegistry registry) {
        this.registry = registry;
    }

    /** What a mount looks like to {@code jwim mounts}. */
    public record Info(Path dir, Path wim, int image, boolean readOnly, String status) {
    }

    /** What a commit wrote. */
    public record CommitResult(int added, int changed, int deleted, int image) {
        public boolean nothing() {
            return added == 0 && changed == 0 && deleted == 0;
        }
    }

    static String headerHash(Path wim) throws IOException {
        byte[] h = ImageCommit.headerBytes(wim);
        return HexFormat.of().formatHex(Sha1Digests.sha1(h, 0, h.length));
    }

    /**
     * Extracts image {@code image} of {@code wim} to {@code dir} (made if missing; it must be
     * empty) and records the mount.
     */
    public MountState mount(Path wim, String image, Path dir, boolean readOnly, boolean check) throws IOException {
        Path absWim = wim.toAbsolutePath().normalize();
        Path absDir = dir.toAbsolutePath().normalize();
        if (Files.exists(MountState.fileOf(absDir))) {
            throw new IOException(absDir + " is already a mount point (unmount it, or run jwim cleanup if it is stale)");
        }
        if (Files.isDirectory(absDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(absDir)) {
                if (ds.iterator().hasNext()) {
                    throw new DirectoryNotEmptyException(absDir + " (a mount directory must be empty)");
                }
            }
        } else {
            Files.createDirectory(absDir);
        }
        int index;
        String header = headerHash(absWim);
        try (Wim w = Wim.open(absWim, OpenOptions.defaults().withCheckIntegrity(check))) {
            if (!readOnly) {
                ImageCommit.checkWritable(w);
            }
            var img = w.image(image);
            index = img.index();
            Apply.image(img, absDir, ApplyOptions.defaults());
        } catch (IOException | RuntimeException e) {
            clear(absDir);
            throw e;
        }
        MountState s = new MountState(absWim, index, readOnly, header, MountState.MOUNTED, MountState.scan(absDir));
        s.write(absDir);
        registry.add(absDir);
        return s;
    }

    /**
     * Commits the changes made in the mount at {@code dir} as a new version of its image (or, with
     * {@code asNewImage}, as a new unnamed image appended, which the mount then shows); it stays mounted.
     */
    public CommitResult commit(Path dir, boolean asNewImage, boolean check) throws IOException {
        Path absDir = dir.toAbsolutePath().normalize();
        MountState s = MountState.read(absDir);
        if (s.readOnly()) {
            throw new IOException(absDir + " is mounted read-only: unmount it with --discard, or remount it read-write");
        }
        if (s.status().equals(MountState.COMMITTING)) {
            throw new IOException("an earlier commit of " + absDir + " did not finish: run jwim cleanup first");
        }
        if (!headerHash(s.wim()).equals(s.header())) {
            throw new IOException(s.wim() + " was changed since " + absDir + " was mounted: its changes cannot be"
                    + " committed safely (unmount with --discard and mount again)");
        }
        s.withStatus(MountState.COMMITTING).write(absDir);
        MountSync.Counts counts;
        int index = s.image();
        WimFsOptions o = WimFsOptions.defaults().withImage(Integer.toString(s.image())).withAsNewImage(asNewImage)
                .withCheck(check);
        try (WimFileSystem fs = WimFileSystemProvider.open(s.wim(), o)) {
            counts = new MountSync(absDir, fs, s.entries()).run();
            if (!fs.hasChanges()) {
                s.write(absDir);
                return new CommitResult(0, 0, 0, index);
            }
        } catch (IOException | RuntimeException e) {
            // The WIM is as it was (the header is written last): the mount stays as it was too.
            if (headerHash(s.wim()).equals(s.header())) {
                s.write(absDir);
            }
            throw e;
        }
        if (asNewImage) {
            try (Wim w = Wim.open(s.wim())) {
                index = w.imageCount();
            }
        }
        new MountState(s.wim(), index, false, headerHash(s.wim()), MountState.MOUNTED, MountState.scan(absDir))
                .write(absDir);
        return new CommitResult(counts.added(), counts.changed(), counts.deleted(), index);
    }

    /**
     * Unmounts {@code dir}: commits first when {@code commit}, then empties the directory (it stays)
     * and forgets the mount.
     */
    public CommitResult unmount(Path dir, boolean commit, boolean asNewImage, boolean check) throws IOException {
        Path absDir = dir.toAbsolutePath().normalize();
        MountState s = MountState.read(absDir);
        CommitResult r = new CommitResult(0, 0, 0, s.image());
        if (commit) {
            r = commit(absDir, asNewImage, check);
        }
        clear(absDir);
        Files.deleteIfExists(MountState.fileOf(absDir));
        registry.remove(absDir);
        return r;
    }

    /**
     * Brings back a mount whose directory was lost or emptied (DISM's Remount-Image): extracts the
     * image again. A mount whose directory still holds its files is left as it is.
     *
     * @return whether anything was extracted
     */
    public boolean remount(Path dir) throws IOException {
        Path absDir = dir.toAbsolutePath().normalize();
        MountState s = MountState.read(absDir);
        if (!Files.exists(s.wim())) {
            throw new java.nio.file.NoSuchFileException(s.wim().toString(), null, "the mounted WIM is gone");
        }
        if (!headerHash(s.wim()).equals(s.header())) {
            throw new IOException(s.wim() + " was changed since " + absDir + " was mounted: unmount with --discard"
                    + " and mount again");
        }
        if (Files.isDirectory(absDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(absDir)) {
                if (ds.iterator().hasNext() || s.entries().isEmpty()) {
                    return false;
                }
            }
        } else {
            Files.createDirectories(absDir);
        }
        try (Wim w = Wim.open(s.wim())) {
            Apply.image(w.image(s.image()), absDir, ApplyOptions.defaults());
        }
        new MountState(s.wim(), s.image(), s.readOnly(), s.header(), MountState.MOUNTED, MountState.scan(absDir))
                .write(absDir);
        registry.add(absDir);
        return true;
    }

    /** Every registered mount and its status. */
    public List<Info> list() throws IOException {
        List<Info> l = new ArrayList<>();
        for (Path dir : registry.mountDirectories()) {
            MountState s;
            try {
                s = MountState.read(dir);
            } catch (IOException e) {
                l.add(new Info(dir, null, 0, false, "invalid: state file missing or damaged (run jwim cleanup)"));
                continue;
            }
            l.add(new Info(dir, s.wim(), s.image(), s.readOnly(), status(dir, s)));
        }
        return l;
    }

    private static String status(Path dir, MountState s) throws IOException {
        if (s.status().equals(MountState.COMMITTING)) {
            return "needs cleanup: a commit was interrupted";
        }
        if (!Files.exists(s.wim())) {
            return "invalid: the WIM is gone";
        }
        if (!headerHash(s.wim()).equals(s.header())) {
            return "invalid: the WIM was changed by another writer";
        }
        if (!Files.isDirectory(dir)) {
            return "needs remount: the directory is gone";
        }
        return "ok";
    }

    /**
     * Recovers from crashes, as DISM's Cleanup-Mountpoints: forgets mounts whose state file or
     * directory is gone, and ends commits that were interrupted (the WIM's header is written last,
     * so an unchanged header means nothing was committed and the mount goes on as it was).
     * Healthy mounts are left alone.
     *
     * @return what was done, one line per mount touched
     */
    public List<String> cleanup() throws IOException {
        List<String> done = new ArrayList<>();
        for (Path dir : registry.mountDirectories()) {
            Path stateFile = MountState.fileOf(dir);
            if (!Files.exists(stateFile)) {
                registry.remove(dir);
                done.add(dir + ": forgotten (no state file)");
                continue;
            }
            MountState s;
            try {
                s = MountState.read(dir);
            } catch (IOException e) {
                Files.delete(stateFile);
                registry.remove(dir);
                done.add(dir + ": forgotten (damaged state file removed; the directory was left as it is)");
                continue;
            }
            if (!Files.isDirectory(dir) || !Files.exists(s.wim())) {
                Files.delete(stateFile);
                registry.remove(dir);
                done.add(dir + ": forgotten (" + (Files.exists(s.wim()) ? "directory" : "WIM") + " gone)");
                continue;
            }
            if (s.status().equals(MountState.COMMITTING)) {
                if (headerHash(s.wim()).equals(s.header())) {
                    s.withStatus(MountState.MOUNTED).write(dir);
                    done.add(dir + ": interrupted commit undone (the WIM is as it was; the changes are still in the"
                            + " directory)");
                } else {
                    new MountState(s.wim(), s.image(), s.readOnly(), headerHash(s.wim()), MountState.MOUNTED,
                            MountState.scan(dir)).write(dir);
                    done.add(dir + ": the interrupted commit had reached the WIM; the mount now shows the committed"
                            + " image");
                }
            }
        }
        return done;
    }

    /** Deletes everything inside {@code dir}, not following links. */
    static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                // a read-only directory (mode 0555 in the image) must let its entries go
                p.toFile().setWritable(true, true);
                p.toFile().setExecutable(true, true);
            }
        }
        for (Path p : all) {
            if (!p.equals(dir)) {
                Files.delete(p);
            }
        }
    }

    /** For tests and the CLI: the mount's recorded state. */
    public static MountState state(Path dir) throws IOException {
        return MountState.read(dir);
    }
}
