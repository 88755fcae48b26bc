package org.jwim.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The counters of the compression benchmarks, reported per second: {@code bytes}, the input
 * bytes compressed, and {@code stored}, the bytes a WIM would store.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CompressCounters {
    public long bytes;
    public long stored;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        stored = 0;
    }

    /** Counts one pass over the chunks that stored {@code storedNow} bytes, and returns that. */
    long count(CompressWork.Chunks chunks, long storedNow) {
        bytes += chunks.totalBytes;
        stored += storedNow;
        return storedNow;
    }
}
