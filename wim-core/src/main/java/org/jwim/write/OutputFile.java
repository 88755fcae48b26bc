package org.jwim.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jwim.io.WimPart;

/**
 * Positional writes to the WIM being written, with the current end of the written data. Copies of
 * resources that lie one after the other in the same source file are merged into one transfer (a
 * WIM of many small files would otherwise cost a system call or two per file); the merged copy is
 * done before any other write or move of the position.
 */
final class OutputFile {
    private final FileChannel channel;
    private long position;
    /** A copy not done yet: {@code pendingLength} bytes from {@code pendingFrom} of {@code pendingPart}, ending at {@code position}. */
    private WimPart pendingPart;
    private long pendingFrom;
    private long pendingLength;

    OutputFile(FileChannel channel, long position) {
        this.channel = channel;
        this.position = position;
    }

    FileChannel channel() throws IOException {
        flush();
        return channel;
    }

    /** Where the next sequential write goes. */
    long position() {
        return position;
    }

    void position(long p) throws IOException {
        flush();
        this.position = p;
    }

    /** Writes at the current position and advances it. */
    void append(byte[] b, int off, int len) throws IOException {
        writeAt(position, b, off, len);
        position += len;
    }

    /**
     * Copies {@code length} bytes at {@code from} of {@code part} to the current position and
     * advances it (the copy may be done later, merged with the next: see {@link #flush}).
     */
    void transferFrom(WimPart part, long from, long length) throws IOException {
        part.checkRange(from, length, "resource to copy");
        if (pendingPart != part || pendingFrom + pendingLength != from) {
            flush();
            pendingPart = part;
            pendingFrom = from;
        }
        pendingLength += length;
        position += length;
    }

    /** Does the copy {@link #transferFrom} left pending. */
    void flush() throws IOException {
        if (pendingLength == 0) {
            return;
        }
        FileChannel src = pendingPart.channel();
        long at = position - pendingLength;
        long done = 0;
        while (done < pendingLength) {
            long n = src.transferTo(pendingFrom + done, pendingLength - done, channel.position(at + done));
            if (n <= 0) {
                throw new IOException("could not copy " + pendingLength + " bytes at " + pendingFrom + " of "
                        + pendingPart.path());
            }
            done += n;
        }
        pendingPart = null;
        pendingLength = 0;
    }

    /** Writes at {@code at} without moving the position. */
    void writeAt(long at, byte[] b, int off, int len) throws IOException {
        flush();
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long p = at;
        while (buf.hasRemaining()) {
            p += channel.write(buf, p);
        }
    }
}
