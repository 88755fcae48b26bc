package org.jwim.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

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

    /** Writes at {@code at} without moving the position. */
    void writeAt(long at, byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long p = at;
        while (buf.hasRemaining()) {
            p += channel.write(buf, p);
        }
    }
}
