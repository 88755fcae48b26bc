package org.jwim.write;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Sha1Hash;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.format.ResourceHeader;
import org.jwim.format.SolidHeader;
import org.jwim.io.Sha1Digests;

/**
 * Writes many blobs as one solid resource: their data concatenated and cut into large chunks
 * (64 MiB for LZMS by default) compressed in parallel. Layout: the 16-byte solid header, the
 * compressed size of every chunk, then the chunks.
 */
final class SolidBlobWriter implements AutoCloseable {
    private final OutputFile out;
    private final CompressionType type;
    private final int chunkSize;
    private final ChunkPipeline pipeline;
    private final ProgressListener progress;
    private final long totalBytes;
    private final long start;
    private final int[] sizes;
    private final List<WrittenBlob> blobs = new ArrayList<>();
    private byte[] current;
    private int fill;
    private int nextChunk;
    private long offset;

    /** Starts a solid resource at the output's position that will hold exactly {@code totalBytes}. */
    SolidBlobWriter(OutputFile out, CompressionType type, int chunkSize, int level, int threads, long totalBytes,
                    ProgressListener progress) throws IOException {
        this.out = out;
        this.type = type;
        this.chunkSize = chunkSize;
        this.pipeline = new ChunkPipeline(type, chunkSize, level, threads);
        this.progress = progress;
        this.totalBytes = totalBytes;
        long n = (totalBytes + chunkSize - 1) / chunkSize;
        if (n > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("solid resource too large");
        }
        this.sizes = new int[(int) n];
        this.start = out.position();
        out.position(start + SolidHeader.SIZE + 4L * n);
    }

    /** Adds a blob's data; returns its hash, size and place in the solid data. */
    WrittenBlob add(BlobSource source) throws IOException {
        long size = source.size();
        if (offset + size > totalBytes) {
            throw new IllegalStateException("more data than announced for the solid resource");
        }
        long at = offset;
        MessageDigest md = Sha1Digests.newDigest();
        long left = size;
        try (InputStream in = source.open()) {
            while (left > 0) {
                if (current == null) {
                    current = pipeline.buffer();
                    fill = 0;
                }
                int want = (int) Math.min(left, current.length - fill);
                int n = BlobWriter.readFully(in, current, fill, want);
                if (n != want) {
                    throw new IOException(source.describe() + " is shorter than the " + size
                            + " bytes it had when scanned (it changed during the capture)");
                }
                md.update(current, fill, n);
                progress.bytesRead(n);
                fill += n;
                left -= n;
                offset += n;
                if (fill == current.length || offset == totalBytes) {
                    submitCurrent();
                }
            }
            if (in.read() >= 0) {
                throw new IOException(source.describe() + " is longer than the " + size
                        + " bytes it had when scanned (it changed during the capture)");
            }
        }
        Sha1Hash hash = Sha1Hash.of(md.digest());
        Sha1Hash known = source.knownHash();
        if (known != null && !known.equals(hash)) {
            throw new IOException(source.describe() + ": data does not match its SHA-1 " + known);
        }
        WrittenBlob w = new WrittenBlob(hash, size, new ResourceHeader(size, ResourceHeader.FLAG_SOLID, at, 0));
        blobs.add(w);
        return w;
    }

    private void submitCurrent() throws IOException {
        final int index = nextChunk++;
        pipeline.submit(current, fill, (data, len, raw) -> {
            out.append(data, 0, len);
            progress.bytesWritten(len);
            sizes[index] = len;
        });
        current = null;
        fill = 0;
    }

    /**
     * Writes the header and chunk table; returns the blob-table entry of the resource itself
     * (flags SOLID, uncompressed size {@link ResourceHeader#SOLID_RESOURCE_MAGIC_SIZE}).
     */
    ResourceHeader finish() throws IOException {
        if (offset != totalBytes) {
            throw new IllegalStateException("solid resource got " + offset + " of " + totalBytes + " bytes");
        }
        pipeline.drainAll();
        byte[] h = new byte[SolidHeader.SIZE + 4 * sizes.length];
        LittleEndian.putLong(h, 0, totalBytes);
        LittleEndian.putInt(h, 8, chunkSize);
        LittleEndian.putInt(h, 12, type.solidFormat());
        for (int i = 0; i < sizes.length; i++) {
            LittleEndian.putInt(h, SolidHeader.SIZE + 4 * i, sizes[i]);
        }
        out.writeAt(start, h, 0, h.length);
        return new ResourceHeader(out.position() - start, ResourceHeader.FLAG_SOLID, start,
                ResourceHeader.SOLID_RESOURCE_MAGIC_SIZE);
    }

    /** The blobs added, in order. */
    List<WrittenBlob> blobs() {
        return blobs;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
