package org.jwim.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chunk compression (XPRESS, LZX, LZMS), jwim beside wimlib ({@code wimlib_compress} through
 * JNA), on the same chunks at the same level.
 *
 * <p>Setup cuts a corpus into chunks of the codec's size as a non-solid WIM writer does (each file on its own, its last
 * chunk short). One operation compresses every chunk once into a reused output buffer with room
 * for one byte less than the chunk, as a writer asks (a chunk that does not fit is stored raw).
 * Both sides read their input from their own memory (a Java {@code byte[]} for jwim, native
 * memory staged in setup for wimlib), so no copy is timed; wimlib pays only JNA's call cost.
 *
 * <p>Two counters, both per second: {@code bytes}, the input bytes compressed, and
 * {@code stored}, the bytes a WIM would store (the compressed size, or the chunk's size when it
 * did not shrink). Their quotient is the compression ratio; {@link
 * org.jwim.benchmarks.report.CompressTable} turns both into the README table. Setup checks once
 * that every jwim chunk decodes to its input with libwim's decoder.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CompressBenchmark {

    /** The chunks of one corpus, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Chunks {
        @Param({"XPRESS_32K", "LZX_32K", "LZMS_128K"})
        public CodecCase codec;

        @Param({"pe", "text"})
        public String corpus;

        @Param({"20", "50", "100"})
        public int level;

        /** All chunks back to back. */
        byte[] packed;
        int[] offsets;
        int[] sizes;
        long totalBytes;

        @Setup(Level.Trial)
        public void load() {
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

    /** Input and stored bytes, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
        public long stored;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            stored = 0;
        }
    }

    /** One jwim compressor and output buffer per thread. */
    @State(Scope.Thread)
    public static class Jwim {
        ChunkCompressor compressor;
        byte[] out;

        @Setup(Level.Trial)
        public void open(Chunks chunks) {
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
                            || !java.util.Arrays.equals(back, 0, len, chunks.packed, chunks.offsets[i], chunks.offsets[i] + len)) {
                        throw new IllegalStateException("wimlib does not decode jwim's chunk " + i + " back");
                    }
                }
            }
            System.out.printf("%n# sizes: %s %s level %d: jwim %d of %d bytes stored (%d of %d chunks shrank)%n",
                    chunks.corpus, chunks.codec, chunks.level, stored, chunks.totalBytes, shrank, chunks.sizes.length);
        }
    }

    /** One wimlib compressor per thread, with the chunks staged in native memory. */
    @State(Scope.Thread)
    public static class Wimlib {
        LibWim.Compressor compressor;
        Memory packed;
        Pointer[] chunk;
        Memory out;

        @Setup(Level.Trial)
        public void open(Chunks chunks) {
            compressor = new LibWim.Compressor(chunks.codec.type(), chunks.codec.chunkSize(), chunks.level);
            packed = new Memory(chunks.packed.length);
            packed.write(0, chunks.packed, 0, chunks.packed.length);
            out = new Memory(chunks.codec.chunkSize());
            chunk = new Pointer[chunks.sizes.length];
            long stored = 0;
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = packed.share(chunks.offsets[i]);
                long n = compressor.compress(chunk[i], chunks.sizes[i], out, chunks.sizes[i] - 1);
                stored += n == 0 ? chunks.sizes[i] : n;
            }
            System.out.printf("%n# sizes: %s %s level %d: wimlib %d of %d bytes stored%n",
                    chunks.corpus, chunks.codec, chunks.level, stored, chunks.totalBytes);
        }

        @TearDown(Level.Trial)
        public void close() {
            compressor.close();
            packed.close();
            out.close();
        }
    }

    @Benchmark
    public long jwim(Chunks chunks, Jwim side, Bytes counter) {
        byte[] packed = chunks.packed;
        int[] offsets = chunks.offsets;
        int[] sizes = chunks.sizes;
        ChunkCompressor c = side.compressor;
        byte[] out = side.out;
        long stored = 0;
        for (int i = 0; i < sizes.length; i++) {
            int len = sizes[i];
            int n = c.compress(packed, offsets[i], len, out, 0, len - 1);
            stored += n == ChunkCompressor.DID_NOT_SHRINK ? len : n;
        }
        counter.bytes += chunks.totalBytes;
        counter.stored += stored;
        return stored;
    }

    @Benchmark
    public long wimlib(Chunks chunks, Wimlib side, Bytes counter) {
        int[] sizes = chunks.sizes;
        Pointer[] chunk = side.chunk;
        LibWim.Compressor c = side.compressor;
        Memory out = side.out;
        long stored = 0;
        for (int i = 0; i < sizes.length; i++) {
            int len = sizes[i];
            long n = c.compress(chunk[i], len, out, len - 1);
            stored += n == 0 ? len : n;
        }
        counter.bytes += chunks.totalBytes;
        counter.stored += stored;
        return stored;
    }
}
