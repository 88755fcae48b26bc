package org.jwim.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.jwim.format.BlobDescriptor;

/** A read-only seekable channel over a blob: any position reads only the chunks it needs. */
public final class BlobChannel implements SeekableByteChannel {
    private final BlobDescriptor blob;
    private long pos;
    private boolean open = true;
    private byte[] buf = new byte[0];

    /** @param blob the blob, or null for an empty stream */
    public BlobChannel(BlobDescriptor blob) {
        this.blob = blob;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        long left = size() - pos;
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), left);
        if (n == 0) {
            return 0;
        }
        if (dst.hasArray()) {
            ResourceReader.read(blob.resource(), blob.offsetInResource() + pos, dst.array(), dst.arrayOffset() + dst.position(), n);
            dst.position(dst.position() + n);
        } else {
            n = Math.min(n, 1 << 20);
            if (buf.length < n) {
                buf = new byte[n];
            }
            ResourceReader.read(blob.resource(), blob.offsetInResource() + pos, buf, 0, n);
            dst.put(buf, 0, n);
        }
        pos += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized long position() throws IOException {
        ensureOpen();
        return pos;
    }

    @Override
    public synchronized SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        pos = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return blob == null ? 0 : blob.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
