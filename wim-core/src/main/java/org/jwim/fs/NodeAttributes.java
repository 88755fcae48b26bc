package org.jwim.fs;

import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jwim.image.FileAttributes;
import org.jwim.image.ReparsePoint;

/** A snapshot of one file's attributes, taken under the file system's read lock. */
record NodeAttributes(int attributes, long creation, long lastAccess, long lastWrite, long size, int securityId,
                      int reparseTag, long linkGroupId, int linkCount, String shortName, List<String> namedStreams,
                      String sha1, Object fileKey) implements WimFileAttributes {

    /** 100 ns units between 1601-01-01 and 1970-01-01. */
    static final long FILETIME_EPOCH = 116444736000000000L;

    static FileTime fileTime(long filetime) {
        return FileTime.from((filetime - FILETIME_EPOCH) * 100, TimeUnit.NANOSECONDS);
    }

    /** The FILETIME of {@code t}, in 100 ns units since 1601 (whole units, rounded down). */
    static long filetime(FileTime t) {
        java.time.Instant i = t.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 10_000_000L), i.getNano() / 100) + FILETIME_EPOCH;
    }

    /** Whether a reparse point with this tag reads as a symbolic link (symlinks and junctions do). */
    static boolean isLinkTag(int attributes, int tag) {
        return (attributes & FileAttributes.REPARSE_POINT) != 0
                && (tag == ReparsePoint.TAG_SYMLINK || tag == ReparsePoint.TAG_MOUNT_POINT);
    }

    @Override
    public FileTime lastModifiedTime() {
        return fileTime(lastWrite);
    }

    @Override
    public FileTime lastAccessTime() {
        return fileTime(lastAccess);
    }

    @Override
    public FileTime creationTime() {
        return fileTime(creation);
    }

    @Override
    public boolean isRegularFile() {
        return !isDirectory() && !isSymbolicLink();
    }

    @Override
    public boolean isDirectory() {
        return (attributes & FileAttributes.DIRECTORY) != 0 && !isSymbolicLink();
    }

    @Override
    public boolean isSymbolicLink() {
        return isLinkTag(attributes, reparseTag);
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public boolean isReadOnly() {
        return (attributes & FileAttributes.READONLY) != 0;
    }

    @Override
    public boolean isHidden() {
        return (attributes & FileAttributes.HIDDEN) != 0;
    }

    @Override
    public boolean isArchive() {
        return (attributes & FileAttributes.ARCHIVE) != 0;
    }

    @Override
    public boolean isSystem() {
        return (attributes & FileAttributes.SYSTEM) != 0;
    }
}
