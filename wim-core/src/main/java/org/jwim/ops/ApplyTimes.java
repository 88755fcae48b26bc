package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Sets a file's access and modification times from the image's FILETIMEs (100 ns units since
 * 1601), as wimlib does with utimensat. Two limits of Java 17 on Linux make a few times coarser
 * than wimlib's: a symbolic link's times go through lutimes (whole microseconds), and a time
 * before 1970 with a fraction of a second cannot be set at all (the JDK hands futimens a negative
 * tv_nsec and falls back to 1970), so such a time is rounded down to its second. Times the JDK
 * cannot express in nanoseconds of a long (before 1677-09-21 or after 2262-04-11; 7-Zip writes
 * 1601 for "no time") are clamped to those ends, and the file system then clamps them to its own
 * range as it does wimlib's (ext4: 1901 to 2446).
 */
final class ApplyTimes {
    /** FILETIME of 1970-01-01T00:00:00Z. */
    static final long UNIX_EPOCH_AS_FILETIME = 116444736000000000L;
    private static final long TICKS_PER_SECOND = 10_000_000L;
    /** The earliest whole second the JDK can hand the kernel (Long.MIN_VALUE nanoseconds, rounded up). */
    private static final long MIN_SECOND = Long.MIN_VALUE / 1_000_000_000L;
    /** The latest second it can (Long.MAX_VALUE nanoseconds, rounded down). */
    private static final long MAX_SECOND = Long.MAX_VALUE / 1_000_000_000L - 1;

    private ApplyTimes() {
    }

    /** The instant a FILETIME stands for (any 64-bit value: the tick count is taken as unsigned). */
    static Instant instant(long fileTime) {
        // Times past year 30828 (negative as signed) are out of any file system's range: clamp.
        long t = fileTime < 0 ? Long.MAX_VALUE : fileTime;
        long sinceEpoch = t - UNIX_EPOCH_AS_FILETIME;
        long seconds = Math.floorDiv(sinceEpoch, TICKS_PER_SECOND);
        long nanos = Math.floorMod(sinceEpoch, TICKS_PER_SECOND) * 100;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The time Java 17 can actually give a file (see the class comment), for {@code fileTime}. */
    static FileTime settable(long fileTime, boolean symlink) {
        Instant i = instant(fileTime);
        if (i.getEpochSecond() < MIN_SECOND) {
            i = Instant.ofEpochSecond(MIN_SECOND);
        } else if (i.getEpochSecond() > MAX_SECOND) {
            i = Instant.ofEpochSecond(MAX_SECOND);
        } else if (i.getEpochSecond() < 0 && i.getNano() != 0) {
            i = Instant.ofEpochSecond(i.getEpochSecond());
        } else if (symlink) {
            i = Instant.ofEpochSecond(i.getEpochSecond(), i.getNano() / 1000 * 1000);
        }
        return FileTime.from(i);
    }

    /** Sets the access and modification times of {@code path} (itself, never a link's target). */
    static void set(Path path, long lastAccess, long lastWrite, boolean symlink) throws IOException {
        BasicFileAttributeView v = Files.getFileAttributeView(path, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        v.setTimes(settable(lastWrite, symlink), settable(lastAccess, symlink), null);
    }
}
