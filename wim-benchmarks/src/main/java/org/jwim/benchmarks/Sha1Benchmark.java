package org.jwim.benchmarks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA1Digest;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-1 of one blob, the hash every WIM blob is named by: the JDK's {@code MessageDigest}
 * (reused per thread, as jwim's reader and writer use it) beside BouncyCastle's pure-Java
 * {@code SHA1Digest}, both fed the blob in slices of {@link #slice} bytes. One operation hashes
 * one blob of {@link #size} bytes, so bytes per second = operations per second × size.
 *
 * <p>Setup checks once that both give the same digest.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class Sha1Benchmark {
    /** Blob size in bytes: 4 KiB, 64 KiB, 1 MiB, 16 MiB. */
    @Param({"4096", "65536", "1048576", "16777216"})
    public int size;

    /** How many bytes each update call takes: large, as a reader hands over decoded chunks. */
    @Param({"1048576"})
    public int slice;

    private byte[] blob;
    private final byte[] digest = new byte[20];
    private MessageDigest jdk;
    private SHA1Digest bouncyCastle;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        blob = new byte[size];
        // Content does not change SHA-1's speed; random bytes keep it honest all the same.
        new SplittableRandom(size).nextBytes(blob);
        jdk = newJdkSha1();
        bouncyCastle = new SHA1Digest();
        byte[] a = jdk().clone();
        byte[] b = bouncyCastle().clone();
        if (!MessageDigest.isEqual(a, b)) {
            throw new IllegalStateException("JDK and BouncyCastle SHA-1 disagree");
        }
    }

    static MessageDigest newJdkSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Benchmark
    public byte[] jdk() throws Exception {
        MessageDigest md = jdk;
        for (int pos = 0; pos < size; pos += slice) {
            md.update(blob, pos, Math.min(slice, size - pos));
        }
        md.digest(digest, 0, digest.length);
        return digest;
    }

    @Benchmark
    public byte[] bouncyCastle() {
        SHA1Digest md = bouncyCastle;
        for (int pos = 0; pos < size; pos += slice) {
            md.update(blob, pos, Math.min(slice, size - pos));
        }
        md.doFinal(digest, 0);
        return digest;
    }
}
