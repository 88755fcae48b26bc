package org.jwim.write;

import java.io.InputStream;
import org.jwim.Sha1Hash;
import org.jwim.format.BlobDescriptor;
import org.jwim.io.BlobInputStream;

/** A blob already in a WIM (when exporting or rewriting); its hash is known. */
public record WimBlobSource(BlobDescriptor blob) implements BlobSource {
    @Override
    public long size() {
        return blob.size();
    }

    @Override
    public InputStream open() {
        return new BlobInputStream(blob, true);
    }

    @Override
    public Sha1Hash knownHash() {
        return blob.hash();
    }

    @Override
    public String describe() {
        return "blob " + blob.hash();
    }
}
