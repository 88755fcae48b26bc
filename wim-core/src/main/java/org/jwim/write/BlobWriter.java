package org.jwim.write;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;
import org.jwim.Sha1Hash;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.format.ResourceHeader;
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
     * The compressor is started on the first chunk that needs it: a writer that only copies
     * resources as they are works whatever compressors exist.
     *
     * @param out where to write (from its current position)
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
     * Whether the resource holding {@code source}'s blob can go into this writer's output without
     * being decompressed: a non-solid resource holding just this blob whose chunks were made with
     * this writer's compression and chunk size (pipable or not: chunks are laid out anew when the
     * layouts differ), or an uncompressed resource of a WIM with this writer's settings (its data
     * did not shrink with them).
     */
    public boolean canCopyRaw(WimBlobSource source) {
        BlobDescriptor blob = source.blob();
        WimResource r = blob.resource();
        if (blob.offsetInResource() != 0 || blob.size() != r.uncompressedSize() || blob.size() == 0) {
            return false;
        }
        return switch (r.kind()) {
            case RAW -> type == CompressionType.NONE
                    || (source.wimCompression() == type && source.wimChunkSize() == chunkSize);
            case CHUNKED, PIPABLE_CHUNKED -> r.compressionType() == type && r.chunkSize() == chunkSize;
            case SOLID -> false;
        };
    }

    /**
     * Copies the resource of {@code source}'s blob without decompressing it, in order with the
     * blobs written before it: byte for byte when the layouts match, else chunk by chunk into this
     * writer's layout. Only for sources {@link #canCopyRaw} accepts.
     *
     * @param flags extra resource header flags ({@link ResourceHeader#FLAG_METADATA})
     */
    public void copyRaw(WimBlobSource source, int flags, Consumer<WrittenBlob> done) throws IOException {
        if (!canCopyRaw(source)) {
            throw new IllegalArgumentException("blob " + source.blob().hash() + " cannot be copied as it is");
        }
        pipeline.submitAction(() -> done.accept(copyNow(source.blob(), flags)));
    }

    private WrittenBlob copyNow(BlobDescriptor blob, int flags) throws IOException {
        WimResource r = blob.resource();
        ResourceHeader old = r.header();
        boolean compressedOut = type != CompressionType.NONE;
        if (pipable) {
            int outFlags = flags | (compressedOut ? ResourceHeader.FLAG_COMPRESSED : 0);
            byte[] h = org.jwim.format.PipableBlobHeader.of(blob.size(), blob.hash(), outFlags);
            out.append(h, 0, h.length);
        }
        long start = out.position();
        ResourceHeader written;
        if (r.kind() == WimResource.Kind.RAW && (!pipable || !compressedOut)) {
            copyBytes(r.part(), old.offset(), old.sizeInWim());
            written = new ResourceHeader(old.sizeInWim(), flags, start, blob.size());
        } else if (r.kind() == WimResource.Kind.RAW) {
            written = new ResourceHeader(writeRawAsPipableChunks(r), flags | ResourceHeader.FLAG_COMPRESSED, start,
                    blob.size());
        } else if ((r.kind() == WimResource.Kind.PIPABLE_CHUNKED) == pipable) {
            copyBytes(r.part(), old.offset(), old.sizeInWim());
            written = new ResourceHeader(old.sizeInWim(), flags | ResourceHeader.FLAG_COMPRESSED, start, blob.size());
        } else {
            written = relayoutChunks(r, flags);
        }
        return new WrittenBlob(blob.hash(), blob.size(), written);
    }

    /**
     * Writes the chunks of a compressed resource in this writer's layout (pipable: each chunk after
     * its size, the table last; else the table first). A resource whose every chunk is stored raw
     * becomes an uncompressed resource in the non-pipable layout, as a fresh write would make it.
     */
    private ResourceHeader relayoutChunks(WimResource r, int flags) throws IOException {
        org.jwim.format.ChunkTable t = r.chunkTable();
        int n = t.count();
        long usize = r.uncompressedSize();
        int width = usize > 0xFFFFFFFFL ? 8 : 4;
        long tableBytes = (long) (n - 1) * width;
        long start = out.position();
        boolean allRaw = true;
        for (int i = 0; i < n; i++) {
            allRaw &= t.compressedSize(i) == t.uncompressedSize(i);
        }
        if (!pipable && allRaw) {
            for (int i = 0; i < n; i++) {
                copyBytes(r.part(), t.start(i), t.compressedSize(i));
            }
            return new ResourceHeader(usize, flags, start, usize);
        }
        long[] offsets = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = sum;
            sum += t.compressedSize(i);
        }
        byte[] table = new byte[(int) tableBytes];
        for (int i = 1; i < n; i++) {
            if (width == 4) {
                LittleEndian.putInt(table, 4 * (i - 1), (int) offsets[i]);
            } else {
                LittleEndian.putLong(table, 8 * (i - 1), offsets[i]);
            }
        }
        if (!pipable) {
            out.append(table, 0, table.length);
        }
        byte[] size = new byte[4];
        for (int i = 0; i < n; i++) {
            if (pipable) {
                LittleEndian.putInt(size, 0, t.compressedSize(i));
                out.append(size, 0, 4);
            }
            copyBytes(r.part(), t.start(i), t.compressedSize(i));
        }
        if (pipable) {
            out.append(table, 0, table.length);
        }
        return new ResourceHeader(out.position() - start, flags | ResourceHeader.FLAG_COMPRESSED, start, usize);
    }

    /** Writes an uncompressed resource as pipable raw chunks (each {@code csize == usize}); returns the stored size. */
    private long writeRawAsPipableChunks(WimResource r) throws IOException {
        long usize = r.uncompressedSize();
        long n = (usize + chunkSize - 1) / chunkSize;
        int width = usize > 0xFFFFFFFFL ? 8 : 4;
        if (n > Integer.MAX_VALUE / width) {
            throw new IOException("resource at " + r.header().offset() + " of " + r.part().path() + " is too large");
        }
        long start = out.position();
        byte[] table = new byte[(int) ((n - 1) * width)];
        byte[] size = new byte[4];
        for (long i = 0; i < n; i++) {
            long from = i * chunkSize;
            int len = (int) Math.min(chunkSize, usize - from);
            LittleEndian.putInt(size, 0, len);
            out.append(size, 0, 4);
            copyBytes(r.part(), r.header().offset() + from, len);
            if (i > 0) {
                if (width == 4) {
                    LittleEndian.putInt(table, (int) (4 * (i - 1)), (int) from);
                } else {
                    LittleEndian.putLong(table, (int) (8 * (i - 1)), from);
                }
            }
        }
        out.append(table, 0, table.length);
        return out.position() - start;
    }

    private void copyBytes(WimPart part, long from, long length) throws IOException {
        out.transferFrom(part, from, length);
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
