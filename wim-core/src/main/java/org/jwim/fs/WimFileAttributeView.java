package org.jwim.fs;

import java.io.IOException;
import java.nio.file.attribute.DosFileAttributeView;

/**
 * The {@code wim} attribute view: the DOS view plus what only a WIM stores. Setting works on a
 * read-write file system and is committed with the other changes.
 */
public interface WimFileAttributeView extends DosFileAttributeView {
    @Override
    WimFileAttributes readAttributes() throws IOException;

    /** Sets all FILE_ATTRIBUTE_* bits (the DIRECTORY and REPARSE_POINT bits cannot change). */
    void setAttributes(int attributes) throws IOException;

    /** Sets the DOS 8.3 name ("" for none). */
    void setShortName(String shortName) throws IOException;

    /** Sets the security descriptor index (-1 for none; otherwise it must be one the image has). */
    void setSecurityId(int securityId) throws IOException;
}
