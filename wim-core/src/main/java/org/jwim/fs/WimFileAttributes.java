package org.jwim.fs;

import java.nio.file.attribute.DosFileAttributes;
import java.util.List;

/**
 * What a WIM stores of a file beyond the DOS attributes: the attribute bits, the security
 * descriptor index, the reparse tag, the hard links, the short name and the named data streams.
 * Read through the {@code wim} view: {@code Files.readAttributes(p, WimFileAttributes.class)} or
 * {@code Files.readAttributes(p, "wim:*")}.
 */
public interface WimFileAttributes extends DosFileAttributes {
    /** The FILE_ATTRIBUTE_* bits as stored. */
    int attributes();

    /** Index of the security descriptor in the image, -1 for none. */
    int securityId();

    /** The reparse tag (IO_REPARSE_TAG_*) of a reparse point, 0 otherwise. */
    int reparseTag();

    /** The hard-link group id as read from the WIM (0 for a single name or a new file). */
    long linkGroupId();

    /** Number of names (hard links) of the file. */
    int linkCount();

    /** The DOS 8.3 name, "" if none. */
    String shortName();

    /** Names of the named data streams (alternate data streams). */
    List<String> namedStreams();

    /** SHA-1 of the unnamed data as stored in the WIM (40 hex digits), "" when empty, null when changed and not yet committed. */
    String sha1();
}
