package org.jwim.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jwim.io.WimPart;

/** Positional writes to the WIM being written, with the current end of the written data. */
final class OutputFile {
    private final FileChannel channel;
    private long position;

    OutputFile(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    FileChannel channel() {
        return channel;
    }

    /** Where the next sequential write goes. */
    long position() {
        return position;
    }

    void position(long p) {
        this.position = p;
    }

    /** Writes at the current position and advances it. */
    void append(byte[] b, int off, int len) throws IOException {
        writeAt(position, b, off, len);
        position += len;
    }

    /** Copies {@code length} bytes at {@code from} of {@code part} to the current position and advances it. */
    void transferFrom(WimPart part, long from, long length) throws IOException {
        part.checkRange(from, length, "resource to copy");
        FileChannel src = part.channel();
        long done = 0;
        while (done < length) {
            long n = src.transferTo(from + done, length - done, channel.position(position + done));
            if (n <= 0) {
                throw new IOException("could not copy " + length + " bytes at " + from + " of " + part.path());
            }
            done += n;
        }
        position += length;
    }

    /** Writes at {@code at} without moving the position. */
    void writeAt(long at, byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long p = at;
        while (buf.hasRemaining()) {
            p += channel.write(buf, p);
        }
    }
}
