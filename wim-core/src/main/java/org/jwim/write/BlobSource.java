package org.jwim.write;

import java.io.IOException;
import java.io.InputStream;
import org.jwim.Sha1Hash;

/** Where the data of a blob to be written comes from: a file on disk, bytes in memory, a blob of a WIM. */
public interface BlobSource {
    /** Number of bytes. */
    long size();

    /** The data, from the start, for one sequential read. */
    InputStream open() throws IOException;

    /** The SHA-1 when it is known without reading (a blob of a WIM), else null. */
    default Sha1Hash knownHash() {
        return null;
    }

    /** What to name in messages (a path, say). */
    String describe();
}
