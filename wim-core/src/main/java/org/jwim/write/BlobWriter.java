package org.jwim.write;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;
import org.jwim.Sha1Hash;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.format.ResourceHeader;
import java.nio.channels.FileChannel;
import org.jwim.format.BlobDescriptor;
import org.jwim.io.Sha1Digests;
import org.jwim.io.WimPart;
import org.jwim.io.WimResource;

/**
 * Writes blobs as non-solid resources one after another: each is read once (and hashed while it
 * is read), cut into chunks compressed in parallel, and written in order as
 * {@code chunk table | chunks}. A resource that does not come out smaller than its data is
 * stored uncompressed instead, as WIM readers (Windows' WOF driver among them) require.
 */
public final class BlobWriter implements AutoCloseable {
    private static final int RAW_IO_CHUNK = 1 << 20;

    private final OutputFile out;
    private final CompressionType type;
    private final int chunkSize;
    private final ChunkPipeline pipeline;
    private final ProgressListener progress;
    private final boolean pipable;

    /**
     * @param out where to write (from its current position)
     * @throws UnsupportedOperationException when {@code options}' compression is not available
     */
    BlobWriter(OutputFile out, CompressionType type, int chunkSize, int level, int threads, ProgressListener progress) {
        this(out, type, chunkSize, level, threads, progress, false);
    }

    /**
     * @param pipable write the pipable layout: a 40-byte blob header before each resource, each
     *                chunk preceded by its size and the chunk table after the chunks; no resource
     *                is turned into an uncompressed one (the caller knows every hash beforehand)
     */
    BlobWriter(OutputFile out, CompressionType type, int chunkSize, int level, int threads, ProgressListener progress,
               boolean pipable) {
        this.pipable = pipable;
        this.out = out;
        this.type = type;
        this.chunkSize = type == CompressionType.NONE ? RAW_IO_CHUNK : chunkSize;
        this.pipeline = new ChunkPipeline(type, this.chunkSize, level, threads);
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** State of one blob between the reading of its chunks and the writing of its last one. */
    private final class Blob {
        final BlobSource source;
        final int flags;
        final Consumer<WrittenBlob> done;
        final long size;
        final int chunks;
        final int tableBytes;
        final int[] sizes;
        long start;
        boolean allRaw = true;
        Sha1Hash hash;

        Blob(BlobSource source, int flags, Consumer<WrittenBlob> done) {
            this.source = source;
            this.flags = flags;
            this.done = done;
            this.size = source.size();
            long n = (size + chunkSize - 1) / chunkSize;
            if (n > Integer.MAX_VALUE / 8) {
                throw new IllegalArgumentException(source.describe() + " is too large");
            }
            this.chunks = (int) n;
            int width = size > 0xFFFFFFFFL ? 8 : 4;
            this.tableBytes = type == CompressionType.NONE ? 0 : (chunks - 1) * width;
            this.sizes = new int[chunks];
        }

        void chunkWritten(int index, byte[] data, int len, boolean raw) throws IOException {
            if (pipable) {
                pipableChunkWritten(index, data, len);
                return;
            }
            if (index == 0) {
                start = out.position();
                out.position(start + tableBytes);
            }
            out.append(data, 0, len);
            progress.bytesWritten(len);
            sizes[index] = len;
            allRaw &= raw;
            if (index == chunks - 1) {
                finish();
            }
        }

        private void pipableChunkWritten(int index, byte[] data, int len) throws IOException {
            boolean compressed = type != CompressionType.NONE;
            if (index == 0) {
                int headerFlags = flags | (compressed ? ResourceHeader.FLAG_COMPRESSED : 0);
                byte[] h = org.jwim.format.PipableBlobHeader.of(size, hash, headerFlags);
                out.append(h, 0, h.length);
                start = out.position();
            }
            if (compressed) {
                byte[] ch = new byte[4];
                LittleEndian.putInt(ch, 0, len);
                out.append(ch, 0, 4);
            }
            out.append(data, 0, len);
            progress.bytesWritten(len);
            sizes[index] = len;
            if (index == chunks - 1) {
                ResourceHeader r;
                if (compressed) {
                    long tableAt = out.position();
                    out.position(tableAt + tableBytes);
                    writeTable(tableAt);
                    r = new ResourceHeader(out.position() - start, flags | ResourceHeader.FLAG_COMPRESSED, start, size);
                } else {
                    r = new ResourceHeader(size, flags, start, size);
                }
                done.accept(new WrittenBlob(hash, size, r));
            }
        }

        private void finish() throws IOException {
            long stored = tableBytes;
            for (int s : sizes) {
                stored += s;
            }
            ResourceHeader r;
            if (type == CompressionType.NONE || (allRaw && tableBytes == 0)) {
                // Uncompressed, or one chunk that did not shrink: the bytes written are the data.
                r = new ResourceHeader(size, flags, start, size);
            } else if (stored >= size) {
                rewriteUncompressed();
                r = new ResourceHeader(size, flags, start, size);
            } else {
                writeTable(start);
                r = new ResourceHeader(stored, flags | ResourceHeader.FLAG_COMPRESSED, start, size);
            }
            done.accept(new WrittenBlob(hash, size, r));
        }

        /** Writes the chunk table at {@code at}: offsets of chunks 1.. counted from the first chunk's start. */
        private void writeTable(long at) throws IOException {
            if (tableBytes == 0) {
                return;
            }
            byte[] t = new byte[tableBytes];
            int width = tableBytes / (chunks - 1);
            long offset = 0;
            for (int i = 0; i < chunks - 1; i++) {
                offset += sizes[i];
                if (width == 4) {
                    LittleEndian.putInt(t, 4 * i, (int) offset);
                } else {
                    LittleEndian.putLong(t, 8 * i, offset);
                }
            }
            out.writeAt(at, t, 0, t.length);
        }

        private void rewriteUncompressed() throws IOException {
            out.position(start);
            MessageDigest md = Sha1Digests.newDigest();
            byte[] buf = new byte[RAW_IO_CHUNK];
            long left = size;
            try (InputStream in = source.open()) {
                while (left > 0) {
                    int n = readFully(in, buf, (int) Math.min(buf.length, left));
                    if (n <= 0) {
                        throw new IOException(source.describe() + " became shorter while it was being written");
                    }
                    md.update(buf, 0, n);
                    out.append(buf, 0, n);
                    left -= n;
                }
            }
            if (!hash.matches(md.digest(), 0)) {
                throw new IOException(source.describe() + " changed while it was being written");
            }
        }
    }

    /**
     * Writes the blob from {@code source}; {@code done} receives it once its last chunk is written
     * (possibly during a later call, or in {@link #finish}).
     *
     * @param flags extra resource header flags ({@link ResourceHeader#FLAG_METADATA})
     */
    public void write(BlobSource source, int flags, Consumer<WrittenBlob> done) throws IOException {
        write(source, null, flags, done);
    }

    /**
     * Writes a blob whose SHA-1 is already known ({@code hash}, checked while reading); a pipable
     * writer needs it before the first byte.
     */
    public void write(BlobSource source, Sha1Hash hash, int flags, Consumer<WrittenBlob> done) throws IOException {
        Blob b = new Blob(source, flags, done);
        if (pipable && hash == null) {
            throw new IllegalArgumentException("a pipable WIM needs every hash before its data is written");
        }
        b.hash = hash;
        if (b.size == 0) {
            throw new IllegalArgumentException("empty blobs are not written");
        }
        MessageDigest md = Sha1Digests.newDigest();
        long left = b.size;
        try (InputStream in = source.open()) {
            for (int i = 0; i < b.chunks; i++) {
                byte[] buf = pipeline.buffer();
                int want = (int) Math.min(chunkSize, left);
                int n = readFully(in, buf, want);
                if (n != want) {
                    throw new IOException(source.describe() + " is shorter than the " + b.size
                            + " bytes it had when scanned (it changed during the capture)");
                }
                md.update(buf, 0, n);
                left -= n;
                progress.bytesRead(n);
                final int index = i;
                if (i == b.chunks - 1) {
                    if (in.read() >= 0) {
                        throw new IOException(source.describe() + " is longer than the " + b.size
                                + " bytes it had when scanned (it changed during the capture)");
                    }
                    Sha1Hash actual = Sha1Hash.of(md.digest());
                    Sha1Hash known = hash != null ? hash : source.knownHash();
                    if (known != null && !known.equals(actual)) {
                        throw new IOException(source.describe() + ": data does not match its SHA-1 " + known
                                + " (did it change during the capture?)");
                    }
                    b.hash = actual;
                }
                pipeline.submit(buf, n, (data, len, raw) -> b.chunkWritten(index, data, len, raw));
            }
        }
    }

    /**
     * Whether the resource holding {@code blob} can be copied byte for byte into a WIM written with
     * this writer's settings: a non-solid, non-pipable resource holding just this blob, stored
     * either uncompressed or with this writer's compression and chunk size.
     */
    public boolean canCopyRaw(BlobDescriptor blob) {
        WimResource r = blob.resource();
        if (pipable || blob.offsetInResource() != 0 || blob.size() != r.uncompressedSize()) {
            return false;
        }
        return switch (r.kind()) {
            case RAW -> type == CompressionType.NONE;
            case CHUNKED -> r.compressionType() == type && r.chunkSize() == chunkSize;
            default -> false;
        };
    }

    /**
     * Copies the resource of {@code blob} as it is stored (no decompression, no recompression),
     * in order with the blobs written before it. Only for blobs {@link #canCopyRaw} accepts.
     */
    public void copyRaw(BlobDescriptor blob, int flags, Consumer<WrittenBlob> done) throws IOException {
        if (!canCopyRaw(blob)) {
            throw new IllegalArgumentException("blob " + blob.hash() + " cannot be copied as it is");
        }
        pipeline.submitAction(() -> {
            ResourceHeader old = blob.resource().header();
            long start = out.position();
            copyBytes(blob.resource().part(), old.offset(), old.sizeInWim());
            int keep = old.flags() & ResourceHeader.FLAG_COMPRESSED;
            done.accept(new WrittenBlob(blob.hash(), blob.size(),
                    new ResourceHeader(old.sizeInWim(), keep | flags, start, old.uncompressedSize())));
        });
    }

    private void copyBytes(WimPart part, long from, long length) throws IOException {
        part.checkRange(from, length, "resource to copy");
        FileChannel src = part.channel();
        long done = 0;
        while (done < length) {
            long n = src.transferTo(from + done, length - done, out.channel().position(out.position() + done));
            if (n <= 0) {
                throw new IOException("could not copy a resource of " + part.path());
            }
            done += n;
        }
        out.position(out.position() + length);
        progress.bytesWritten(length);
    }

    /** Writes everything still queued. */
    public void finish() throws IOException {
        pipeline.drainAll();
    }

    /** The end of what has been written. */
    public long position() {
        return out.position();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    static int readFully(InputStream in, byte[] b, int len) throws IOException {
        return readFully(in, b, 0, len);
    }

    static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int k = in.read(b, off + n, len - n);
            if (k < 0) {
                break;
            }
            n += k;
        }
        return n;
    }
}
