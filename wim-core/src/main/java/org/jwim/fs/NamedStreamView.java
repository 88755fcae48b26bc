package org.jwim.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;

/**
 * The {@code user} view: a file's named data streams (NTFS alternate data streams) as user-defined
 * attributes, the way the JDK shows them on Windows. Their data goes through the scratch area like
 * any other changed data.
 */
final class NamedStreamView implements UserDefinedFileAttributeView {
    private final WimFileSystem fs;
    private final Path path;
    private final boolean follow;

    NamedStreamView(WimFileSystem fs, Path path, boolean follow) {
        this.fs = fs;
        this.path = path;
        this.follow = follow;
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public List<String> list() throws IOException {
        return fs.namedStreams(path, follow);
    }

    @Override
    public int size(String name) throws IOException {
        long n = fs.namedStreamSize(path, follow, name);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IOException("named stream " + name + " of " + path + " is too large to read as an attribute");
        }
        return (int) n;
    }

    @Override
    public int read(String name, ByteBuffer dst) throws IOException {
        return fs.readNamedStream(path, follow, name, dst);
    }

    @Override
    public int write(String name, ByteBuffer src) throws IOException {
        return fs.writeNamedStream(path, follow, name, src);
    }

    @Override
    public void delete(String name) throws IOException {
        fs.deleteNamedStream(path, follow, name);
    }
}
