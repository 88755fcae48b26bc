package org.jwim.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.concurrent.TimeUnit;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CorruptChunkException;
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
 * Chunk decompression, jwim beside wimlib, on the same chunks.
 *
 * <p>Setup cuts a corpus into one format's chunks and compresses them with wimlib's own
 * compressor (level {@value #LEVEL}, through JNA). One operation decodes every chunk once into a
 * reused output buffer of the chunk size. Both sides read compressed bytes that were placed in
 * their memory during setup (a Java {@code byte[]} for jwim, native memory for wimlib) and write
 * to a reused buffer of their own, nothing is copied between Java and native memory while
 * timing: the figures are the codecs' own speed, with only JNA's call cost added on wimlib's
 * side (well under a microsecond per chunk).
 *
 * <p>The secondary metric {@code bytes} is decoded (uncompressed) bytes per second; the
 * primary metric is passes over the chunk list per second. Each side checks once, in setup, that
 * it gives back the original bytes of every chunk. Without libwim there are no chunks, and every
 * benchmark here fails in setup saying so.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DecompressBenchmark {
    /** wimlib's default compression level, the one WIMs are usually written at. */
    public static final int LEVEL = 50;

    /** The chunks of one corpus in one format, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Chunks {
        @Param({"XPRESS_32K", "LZX_32K", "LZMS_128K", "LZMS_SOLID_16M"})
        public CodecCase codec;

        @Param({"pe", "text"})
        public String corpus;

        ChunkSet set;

        @Setup(Level.Trial)
        public void compress() {
            long start = System.nanoTime();
            set = ChunkSet.compress(Corpus.load(corpus), codec, LEVEL);
            System.out.printf("%n# chunks: %s (compressed in %.1f s)%n", set.summary(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Counts decoded bytes, so JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** One jwim decompressor and output buffer per thread. */
    @State(Scope.Thread)
    public static class Jwim {
        ChunkDecompressor decompressor;
        byte[] out;

        @Setup(Level.Trial)
        public void open(Chunks chunks) throws CorruptChunkException {
            CodecCase c = chunks.codec;
            decompressor = ChunkCodecs.newDecompressor(c.type(), c.chunkSize());
            out = new byte[c.chunkSize()];
            ChunkSet set = chunks.set;
            for (int i = 0; i < set.count(); i++) {
                decompressor.decompress(set.packed(), set.offsets()[i], set.compressedSizes()[i], out, 0,
                        set.sizes()[i]);
                set.verify("jwim", i, out, 0);
            }
        }
    }

    /** One wimlib decompressor per thread, with the chunks staged in native memory. */
    @State(Scope.Thread)
    public static class Wimlib {
        LibWim.Decompressor decompressor;
        Memory packed;
        Pointer[] chunk;
        Memory out;

        @Setup(Level.Trial)
        public void open(Chunks chunks) {
            CodecCase c = chunks.codec;
            ChunkSet set = chunks.set;
            decompressor = new LibWim.Decompressor(c.type(), c.chunkSize());
            packed = new Memory(set.packed().length);
            packed.write(0, set.packed(), 0, set.packed().length);
            out = new Memory(c.chunkSize());
            chunk = new Pointer[set.count()];
            byte[] check = new byte[c.chunkSize()];
            for (int i = 0; i < set.count(); i++) {
                chunk[i] = packed.share(set.offsets()[i]);
                if (!decompressor.decompress(chunk[i], set.compressedSizes()[i], out, set.sizes()[i])) {
                    throw new IllegalStateException("wimlib_decompress failed on chunk " + i + " of " + c);
                }
                out.read(0, check, 0, set.sizes()[i]);
                set.verify("wimlib", i, check, 0);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            decompressor.close();
            packed.close();
            out.close();
        }
    }

    @Benchmark
    public int jwim(Chunks chunks, Jwim side, Bytes counter) throws CorruptChunkException {
        ChunkSet set = chunks.set;
        byte[] packed = set.packed();
        int[] offsets = set.offsets();
        int[] compressedSizes = set.compressedSizes();
        int[] sizes = set.sizes();
        ChunkDecompressor d = side.decompressor;
        byte[] out = side.out;
        int seen = 0;
        for (int i = 0; i < sizes.length; i++) {
            d.decompress(packed, offsets[i], compressedSizes[i], out, 0, sizes[i]);
            seen += out[sizes[i] - 1];
        }
        counter.bytes += set.uncompressedBytes();
        return seen;
    }

    @Benchmark
    public int wimlib(Chunks chunks, Wimlib side, Bytes counter) {
        ChunkSet set = chunks.set;
        int[] compressedSizes = set.compressedSizes();
        int[] sizes = set.sizes();
        Pointer[] chunk = side.chunk;
        LibWim.Decompressor d = side.decompressor;
        Memory out = side.out;
        int failures = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (!d.decompress(chunk[i], compressedSizes[i], out, sizes[i])) {
                failures++;
            }
        }
        if (failures != 0) {
            throw new IllegalStateException(failures + " chunks failed to decode");
        }
        counter.bytes += set.uncompressedBytes();
        return out.getByte(0);
    }
}
