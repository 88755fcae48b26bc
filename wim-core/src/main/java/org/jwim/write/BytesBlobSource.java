package org.jwim.write;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Bytes in memory (reparse data, small generated files). */
public record BytesBlobSource(byte[] data, String describe) implements BlobSource {
    @Override
    public long size() {
        return data.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(data);
    }
}
