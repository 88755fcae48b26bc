package org.jwim.image;

/**
 * UNIX owner, group, mode and device number, as wimlib stores them in a tagged item
 * ({@code 0x337DD873}) of each dentry when capturing with {@code --unix-data}.
 */
public record UnixData(int uid, int gid, int mode, int rdev) {
    /** The file-type bits of {@link #mode} (S_IFMT). */
    public int fileType() {
        return mode & 0170000;
    }

    /** The permission bits of {@link #mode}. */
    public int permissions() {
        return mode & 07777;
    }
}
