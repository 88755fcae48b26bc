package org.jwim.ops;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.jwim.image.Inode;
import org.jwim.image.UnixData;
import org.jwim.ops.ApplyPlan.Alias;
import org.jwim.ops.ApplyPlan.Item;
import org.jwim.ops.ApplyPlan.Kind;

/**
 * Gives a complete file, still under its temporary name, its metadata and then all its names;
 * counts what was made and collects warnings. Safe to use from several threads at once (files
 * are written in parallel).
 */
final class FileFinisher {
    final LongAdder files = new LongAdder();
    final LongAdder links = new LongAdder();
    final LongAdder symlinks = new LongAdder();
    final LongAdder specials = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder names = new LongAdder();
    /** Warnings not yet handed to the listener (which hears them on the applying thread). */
    final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();

    private final TargetFs fs;

    FileFinisher(TargetFs fs) {
        this.fs = fs;
    }

    void warn(String message) {
        warnings.add(message);
    }

    /** "WHAT "PATH": reason", keeping the cause. */
    static IOException failure(String what, Path path, IOException cause) {
        return new IOException(what + " \"" + path + "\": " + reason(cause), cause);
    }

    static String reason(Exception e) {
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    }

    /**
     * Gives the file at {@code tmp} its metadata (times first: opening a file to set them needs
     * read permission its final mode may take away; owner before mode, as chown clears set-id
     * bits), then all its names: hard links for the extra ones, and the first one by renaming.
     */
    void finish(Item item, Path tmp) throws IOException {
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
            setOwnerAndMode(tmp, first.path(), item.unix, item.kind == Kind.SYMLINK);
        }
        for (int i = 1; i < item.aliases.size(); i++) {
            Path alias = item.aliases.get(i).path();
            try {
                fs.link(tmp, alias);
            } catch (IOException e) {
                fs.discard(tmp);
                throw failure("Can't create hard link", alias, e);
            }
            links.increment();
        }
        try {
            fs.commit(tmp, first.path());
        } catch (IOException e) {
            fs.discard(tmp);
            throw failure(item.kind == Kind.SYMLINK ? "Can't create symbolic link" : "Can't create file", first.path(), e);
        }
        names.add(item.aliases.size());
    }

    /** The owner, group and (except for a link) mode of {@code p}; failures are warnings, as in wimlib. */
    void setOwnerAndMode(Path p, Path shown, UnixData u, boolean symlink) {
        try {
            Files.setAttribute(p, "unix:uid", u.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", u.gid(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            warn("Can't set uid=" + Integer.toUnsignedString(u.uid()) + " and gid=" + Integer.toUnsignedString(u.gid())
                    + " on \"" + shown + "\": " + reason(e));
        }
        if (symlink) {
            return;
        }
        try {
            // By path (chmod), not through an open file: opening a FIFO would block.
            Files.setAttribute(p, "unix:mode", u.mode() & 07777);
        } catch (IOException | UnsupportedOperationException e) {
            warn("Can't set mode=0" + Integer.toOctalString(u.mode() & 07777) + " on \"" + shown + "\": " + reason(e));
        }
    }
}
