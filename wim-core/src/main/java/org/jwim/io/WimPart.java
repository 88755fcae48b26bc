package org.jwim.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jwim.WimFormatException;

/**
 * One file of a WIM: a whole WIM, or one part of a split set. Reads are positional, so any
 * number of threads may read at once. Every read is checked against the file's size first.
 */
public final class WimPart implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    private WimPart(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
    }

    /** Opens {@code path} for reading. */
    public static WimPart open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new WimPart(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Size of the file when it was opened. */
    public long size() {
        return size;
    }

    /** The channel, for callers that transfer byte ranges directly. */
    public FileChannel channel() {
        return channel;
    }

    /** Fails with a {@link WimFormatException} unless {@code [offset, offset + length)} lies in the file. */
    public void checkRange(long offset, long length, String what) throws WimFormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new WimFormatException(path, offset, what + " (" + length + " bytes) does not fit in the file of "
                    + size + " bytes: the file is truncated or the offset is wrong");
        }
    }

    /** Reads exactly {@code len} bytes at {@code offset} into {@code b[off]}. */
    public void readFully(long offset, byte[] b, int off, int len, String what) throws IOException {
        checkRange(offset, len, what);
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new WimFormatException(path, pos, what + ": unexpected end of file (was the file truncated while open?)");
            }
            pos += n;
        }
    }

    /** Reads {@code len} bytes at {@code offset} into a new array ({@code len} is checked against the file first). */
    public byte[] read(long offset, int len, String what) throws IOException {
        checkRange(offset, len, what);
        byte[] b = new byte[len];
        readFully(offset, b, 0, len, what);
        return b;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
