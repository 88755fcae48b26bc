package org.jwim.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;

/**
 * What the compression benchmarks ({@link CompressBenchmarkXPRESS}, {@link CompressBenchmarkLZMS})
 * do, apart from their JMH parameters: cut a corpus into chunks, and compress every chunk once
 * with jwim or with wimlib ({@code wimlib_compress} through JNA).
 *
 * <p>Chunks are cut as a WIM writer does: each file on its own, its last chunk short. Each call
 * compresses every chunk into a reused output buffer with room for one byte less than the chunk,
 * as a writer asks (a chunk that does not fit is stored raw), and returns the bytes a WIM would
 * store. Both sides read their input from their own memory (a Java {@code byte[]} for jwim,
 * native memory staged in setup for wimlib), so no copy is timed; wimlib pays only JNA's call
 * cost. Opening the jwim side checks once that every chunk it writes decodes to its input with
 * libwim's decoder.
 */
final class CompressWork {
    private CompressWork() {
    }

    /** The chunks of one corpus, back to back. */
    static final class Chunks {
        final CodecCase codec;
        final String corpus;
        final int level;
        final byte[] packed;
        final int[] offsets;
        final int[] sizes;
        final long totalBytes;

        Chunks(CodecCase codec, String corpus, int level) {
            this.codec = codec;
            this.corpus = corpus;
            this.level = level;
            Corpus c = Corpus.load(corpus);
            int chunk = codec.chunkSize();
            List<int[]> list = new ArrayList<>();
            packed = new byte[(int) c.totalBytes()];
            int at = 0;
            for (byte[] file : c.files()) {
                for (int pos = 0; pos < file.length; pos += chunk) {
                    int len = Math.min(chunk, file.length - pos);
                    System.arraycopy(file, pos, packed, at, len);
                    list.add(new int[] {at, len});
                    at += len;
                }
            }
            offsets = list.stream().mapToInt(x -> x[0]).toArray();
            sizes = list.stream().mapToInt(x -> x[1]).toArray();
            totalBytes = at;
        }
    }

    /** One jwim compressor and output buffer (one per thread). */
    static final class Jwim {
        private final ChunkCompressor compressor;
        private final byte[] out;

        Jwim(Chunks chunks) {
            compressor = ChunkCodecs.newCompressor(chunks.codec.type(), chunks.codec.chunkSize(), chunks.level);
            out = new byte[chunks.codec.chunkSize()];
            long stored = 0;
            int shrank = 0;
            byte[] back = new byte[chunks.codec.chunkSize()];
            try (LibWim.Decompressor d = new LibWim.Decompressor(chunks.codec.type(), chunks.codec.chunkSize())) {
                for (int i = 0; i < chunks.sizes.length; i++) {
                    int len = chunks.sizes[i];
                    int n = compressor.compress(chunks.packed, chunks.offsets[i], len, out, 0, len - 1);
                    if (n == ChunkCompressor.DID_NOT_SHRINK) {
                        stored += len;
                        continue;
                    }
                    stored += n;
                    shrank++;
                    if (!d.decompress(out, 0, n, back, 0, len)
                            || !Arrays.equals(back, 0, len, chunks.packed, chunks.offsets[i], chunks.offsets[i] + len)) {
                        throw new IllegalStateException("wimlib does not decode jwim's chunk " + i + " back");
                    }
                }
            }
            System.out.printf("%n# sizes: %s %s level %d: jwim %d of %d bytes stored (%d of %d chunks shrank)%n",
                    chunks.corpus, chunks.codec, chunks.level, stored, chunks.totalBytes, shrank, chunks.sizes.length);
        }

        /** Compresses every chunk: the bytes stored. */
        long run(Chunks chunks) {
            byte[] packed = chunks.packed;
            int[] offsets = chunks.offsets;
            int[] sizes = chunks.sizes;
            ChunkCompressor c = compressor;
            byte[] o = out;
            long stored = 0;
            for (int i = 0; i < sizes.length; i++) {
                int len = sizes[i];
                int n = c.compress(packed, offsets[i], len, o, 0, len - 1);
                stored += n == ChunkCompressor.DID_NOT_SHRINK ? len : n;
            }
            return stored;
        }
    }

    /** One wimlib compressor (one per thread), with the chunks staged in native memory. */
    static final class Wimlib implements AutoCloseable {
        private final LibWim.Compressor compressor;
        private final Memory packed;
        private final Pointer[] chunk;
        private final Memory out;

        Wimlib(Chunks chunks) {
            compressor = new LibWim.Compressor(chunks.codec.type(), chunks.codec.chunkSize(), chunks.level);
            packed = new Memory(chunks.packed.length);
            packed.write(0, chunks.packed, 0, chunks.packed.length);
            out = new Memory(chunks.codec.chunkSize());
            chunk = new Pointer[chunks.sizes.length];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = packed.share(chunks.offsets[i]);
            }
            System.out.printf("%n# sizes: %s %s level %d: wimlib %d of %d bytes stored%n",
                    chunks.corpus, chunks.codec, chunks.level, run(chunks), chunks.totalBytes);
        }

        /** Compresses every chunk: the bytes stored. */
        long run(Chunks chunks) {
            int[] sizes = chunks.sizes;
            Pointer[] ch = chunk;
            LibWim.Compressor c = compressor;
            Memory o = out;
            long stored = 0;
            for (int i = 0; i < sizes.length; i++) {
                int len = sizes[i];
                long n = c.compress(ch[i], len, o, len - 1);
                stored += n == 0 ? len : n;
            }
            return stored;
        }

        @Override
        public void close() {
            compressor.close();
            packed.close();
            out.close();
        }
    }
}
