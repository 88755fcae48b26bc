package org.jwim.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A regular file's data, of the size it had when it was scanned. */
public record FileBlobSource(Path path, long size) implements BlobSource {
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
