package org.jwim.benchmarks;

import java.util.concurrent.TimeUnit;
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
 * LZMS chunk compression, jwim beside wimlib ({@code wimlib_compress} through JNA), on the same
 * chunks at the same level.
 *
 * <p>Setup cuts a corpus into 128 KiB chunks (wimlib-imagex's LZMS chunk size) as a WIM writer
 * does; one operation compresses every chunk once ({@link CompressWork} says how). LZMS at levels
 * 50 and 100 is slow (a few MB/s on both sides): run with short iterations.
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
public class CompressBenchmarkLZMS {

    /** The chunks of one corpus, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Chunks {
        @Param({"LZMS_128K"})
        public CodecCase codec;

        @Param({"pe", "text"})
        public String corpus;

        @Param({"20", "50", "100"})
        public int level;

        CompressWork.Chunks work;

        @Setup(Level.Trial)
        public void load() {
            work = new CompressWork.Chunks(codec, corpus, level);
        }
    }

    /** One jwim compressor and output buffer per thread. */
    @State(Scope.Thread)
    public static class Jwim {
        CompressWork.Jwim work;

        @Setup(Level.Trial)
        public void open(Chunks chunks) {
            work = new CompressWork.Jwim(chunks.work);
        }
    }

    /** One wimlib compressor per thread, with the chunks staged in native memory. */
    @State(Scope.Thread)
    public static class Wimlib {
        CompressWork.Wimlib work;

        @Setup(Level.Trial)
        public void open(Chunks chunks) {
            work = new CompressWork.Wimlib(chunks.work);
        }

        @TearDown(Level.Trial)
        public void close() {
            work.close();
        }
    }

    @Benchmark
    public long jwim(Chunks chunks, Jwim side, CompressCounters counter) {
        return counter.count(chunks.work, side.work.run(chunks.work));
    }

    @Benchmark
    public long wimlib(Chunks chunks, Wimlib side, CompressCounters counter) {
        return counter.count(chunks.work, side.work.run(chunks.work));
    }
}
