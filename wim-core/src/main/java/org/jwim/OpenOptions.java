package org.jwim;

import java.nio.file.Path;
import java.util.List;

/**
 * How to open a WIM.
 *
 * @param refs            other files to take blobs from: the other parts of a split set (same
 *                        GUID) and the WIMs a delta WIM refers to
 * @param checkIntegrity  verify the integrity table (if any) while opening, as wimlib's --check
 */
public record OpenOptions(List<Path> refs, boolean checkIntegrity) {
    public OpenOptions {
        refs = List.copyOf(refs);
    }

    /** No references, no integrity check. */
    public static OpenOptions defaults() {
        return new OpenOptions(List.of(), false);
    }

    public OpenOptions withRefs(List<Path> newRefs) {
        return new OpenOptions(newRefs, checkIntegrity);
    }

    public OpenOptions withCheckIntegrity(boolean check) {
        return new OpenOptions(refs, check);
    }
}
