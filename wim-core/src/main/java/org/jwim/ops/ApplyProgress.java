package org.jwim.ops;

/**
 * Hears how an apply or extract goes. Called from the applying thread only, so implementations
 * need no locking; they should return quickly (printing is fine, waiting on I/O is not).
 */
public interface ApplyProgress {
    /** Hears nothing. */
    ApplyProgress NONE = new ApplyProgress() {
    };

    /**
     * After each file's data has been written, and once at the end.
     *
     * @param bytesDone  bytes of file data written so far (a blob shared by several files counts
     *                   once per file, a hard link once per inode, as in wimlib)
     * @param bytesTotal bytes of file data to write in all
     * @param filesDone  files, directories and links created so far
     * @param filesTotal files, directories and links to create in all
     */
    default void progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
    }

    /** Something was skipped or could not be restored; the apply goes on. */
    default void warning(String message) {
    }
}
