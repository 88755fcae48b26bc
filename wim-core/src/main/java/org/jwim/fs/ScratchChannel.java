package org.jwim.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/** A channel on a scratch file that marks its file modified when written and when closed. */
final class ScratchChannel implements SeekableByteChannel {
    private final FileChannel ch;
    private final Runnable onWrite;
    private boolean written;

    ScratchChannel(FileChannel ch, Runnable onWrite) {
        this.ch = ch;
        this.onWrite = onWrite;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return ch.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        written = true;
        return ch.write(src);
    }

    @Override
    public long position() throws IOException {
        return ch.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ch.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return ch.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        written = true;
        ch.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return ch.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (ch.isOpen() && written) {
            onWrite.run();
        }
        ch.close();
    }
}
