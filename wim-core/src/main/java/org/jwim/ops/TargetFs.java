package org.jwim.ops;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The file-system side of applying: every file is made under a temporary name beside its final
 * one (created exclusively, so nothing already there is opened or followed) and renamed into place
 * only when complete, so an interrupted apply never leaves a half-written file under a real name,
 * and a file or link already at that name is replaced rather than written through. Directories
 * are created, or accepted when a real directory (not a link to one) is already there. Safe to
 * use from several threads.
 */
final class TargetFs implements AutoCloseable {
    /** wimlib's modes for what it creates without UNIX data (the umask applies). */
    static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    /** A special file the system would not let us create (EPERM). */
    static final class NotPermitted extends IOException {
        private static final long serialVersionUID = 1L;

        NotPermitted(String message) {
            super(message);
        }
    }

    private final String tempPrefix;
    private final AtomicLong tempCounter = new AtomicLong();
    private final Set<Path> liveTemps = ConcurrentHashMap.newKeySet();
    private final Thread cleanup;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean exiting;

    TargetFs() {
        byte[] r = new byte[6];
        new SecureRandom().nextBytes(r);
        // Unpredictable, so no name in the image can collide with (or be planted as) a temporary.
        tempPrefix = ".jwim-" + HexFormat.of().formatHex(r) + "-";
        cleanup = new Thread(this::onExit, "jwim-apply-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: nothing to register for.
        }
    }

    /** A fresh temporary name in {@code dir}. */
    Path tempIn(Path dir) {
        return dir.resolve(tempPrefix + tempCounter.incrementAndGet());
    }

    /**
     * Creates directory {@code p} (mode 0755 less the umask), or accepts a real directory already
     * there; anything else there (a file, a link, even to a directory) is an error.
     */
    void mkdir(Path p) throws IOException {
        try {
            Files.createDirectory(p, DIR_MODE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(p.toString(), null, (Files.isSymbolicLink(p) ? "a symbolic link" : "a file that is not a directory") + " is in the way");
            }
        }
    }

    /** A new, empty file (mode 0644 less the umask) open for writing, at a temporary name in {@code dir}. */
    FileChannel createTemp(Path tmp) throws IOException {
        return created(tmp, () -> FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), FILE_MODE));
    }

    /** Something that makes a file at a temporary name. */
    @FunctionalInterface
    private interface Creation<T> {
        T create() throws IOException;
    }

    /**
     * Makes a temporary through {@code c}, registered for deletion; refused once the JVM is
     * exiting (the exit-time cleanup holds the write lock while it deletes, so no temporary can
     * appear after it).
     */
    private <T> T created(Path tmp, Creation<T> c) throws IOException {
        lock.readLock().lock();
        try {
            if (exiting) {
                throw new IOException("the JVM is exiting: not creating " + tmp);
            }
            liveTemps.add(tmp);
            try {
                return c.create();
            } catch (IOException | RuntimeException e) {
                liveTemps.remove(tmp);
                throw e;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Makes {@code alias} a hard link to the (temporary or final) file {@code existing}, replacing what is there. */
    void link(Path existing, Path alias) throws IOException {
        Path tmp = tempIn(alias.getParent());
        created(tmp, () -> Files.createLink(tmp, existing));
        commit(tmp, alias);
    }

    /** A symbolic link to {@code target} at the temporary name {@code tmp}. */
    void symlink(Path tmp, String target) throws IOException {
        created(tmp, () -> Files.createSymbolicLink(tmp, Path.of(target)));
    }

    /**
     * The FIFO, device or socket {@code mode} and {@code rdev} describe, at the temporary name
     * {@code tmp}. Java has no mknod: FIFOs and devices are made by the system's {@code mknod}
     * command, sockets by binding a UNIX-domain socket.
     *
     * @throws NotPermitted when the system refuses (devices need privileges)
     */
    void special(Path tmp, int mode, int rdev) throws IOException {
        int type = mode & S_IFMT;
        String perm = Integer.toOctalString(mode & 07777);
        created(tmp, () -> {
            switch (type) {
                case S_IFIFO -> run(List.of("mknod", "-m", perm, tmp.toString(), "p"));
                case S_IFCHR, S_IFBLK -> {
                    // Linux's dev_t encoding, as glibc's major() and minor() read it.
                    long dev = Integer.toUnsignedLong(rdev);
                    long major = (dev >>> 8) & 0xfff;
                    long minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
                    run(List.of("mknod", "-m", perm, tmp.toString(), type == S_IFCHR ? "c" : "b",
                            Long.toString(major), Long.toString(minor)));
                }
                case S_IFSOCK -> socket(tmp);
                default -> throw new IOException("Can't create special file: invalid file type in UNIX mode 0"
                        + Integer.toOctalString(mode));
            }
            return tmp;
        });
    }

    private static void socket(Path tmp) throws IOException {
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(tmp));
        }
    }

    /** Runs a system command, failing with its message; {@link NotPermitted} for EPERM. */
    private static void run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("Can't run " + command.get(0) + " (needed to create special files): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while running " + command.get(0));
        }
        if (p.exitValue() != 0) {
            String msg = out.isEmpty() ? command.get(0) + " failed with exit code " + p.exitValue() : out;
            if (msg.contains("Operation not permitted")) {
                throw new NotPermitted(msg);
            }
            throw new IOException(msg);
        }
    }

    /**
     * Sets the times of a special file by path without opening it (opening a FIFO would block):
     * through the system's {@code touch -h}, which calls utimensat.
     */
    void specialTimes(Path p, long lastAccess, long lastWrite) throws IOException {
        run(List.of("touch", "-h", "-a", "-d", "@" + seconds(lastAccess), p.toString()));
        run(List.of("touch", "-h", "-m", "-d", "@" + seconds(lastWrite), p.toString()));
    }

    /** A FILETIME as "seconds.nanoseconds" since 1970 for touch. */
    private static String seconds(long fileTime) {
        java.time.Instant i = ApplyTimes.instant(fileTime);
        long s = i.getEpochSecond();
        int n = i.getNano();
        if (s < 0 && n > 0) {
            // touch reads "-S.F" as -(S.F): write the negative instant that way.
            return "-" + (-(s + 1)) + "." + String.format("%09d", 1_000_000_000 - n);
        }
        return s + "." + String.format("%09d", n);
    }

    /** Renames the temporary {@code tmp} to {@code target}, replacing a file or link there (never a directory). */
    void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("Can't rename " + tmp + " to " + target + " atomically", e);
        } catch (FileSystemException e) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(target.toString(), null, "a directory is in the way");
            }
            throw e;
        }
        liveTemps.remove(tmp);
    }

    /** Deletes a temporary that will not be committed (quietly: an error is already on its way). */
    void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // Left behind under its temporary name, never under a real one.
        }
        liveTemps.remove(tmp);
    }

    /** At JVM exit: no more temporaries may be made, and those there are go. */
    private void onExit() {
        lock.writeLock().lock();
        try {
            exiting = true;
            deleteTemps();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void deleteTemps() {
        for (Path p : liveTemps) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort while the JVM exits
            }
        }
    }

    /** Deletes temporaries left by a failure and unregisters the exit-time cleanup. */
    @Override
    public void close() {
        deleteTemps();
        liveTemps.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }
}
