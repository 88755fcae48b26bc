package org.jwim.ops;

import java.util.List;

/**
 * What an apply or extract created.
 *
 * @param directories directories created (or found and given their metadata)
 * @param files       regular files (an inode with several names counts once)
 * @param links       hard links made for the extra names of those files
 * @param symlinks    symbolic links
 * @param specials    FIFOs, devices and sockets
 * @param bytes       bytes of file data written (once per inode)
 * @param warnings    what was skipped or could not be restored, as wimlib words it
 */
public record ApplyResult(long directories, long files, long links, long symlinks, long specials, long bytes,
                          List<String> warnings) {
    public ApplyResult {
        warnings = List.copyOf(warnings);
    }

    /** This result and {@code o} together (for several images or path lists). */
    public ApplyResult plus(ApplyResult o) {
        List<String> w = new java.util.ArrayList<>(warnings);
        w.addAll(o.warnings);
        return new ApplyResult(directories + o.directories, files + o.files, links + o.links, symlinks + o.symlinks,
                specials + o.specials, bytes + o.bytes, w);
    }

    /** Nothing created. */
    public static ApplyResult empty() {
        return new ApplyResult(0, 0, 0, 0, 0, 0, List.of());
    }
}
