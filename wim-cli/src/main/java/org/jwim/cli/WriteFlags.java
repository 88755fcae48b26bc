package org.jwim.cli;

import org.jwim.compression.CompressionType;
import org.jwim.ops.WriteChoices;
import picocli.CommandLine.Option;

/** The write settings wimlib-imagex's export and optimize take. */
final class WriteFlags {
    @Option(names = "--compress", paramLabel = "TYPE[:LEVEL]", description = "Compression: none, xpress (DISM: fast),"
            + " lzx (DISM: maximum) or lzms (DISM: recovery), with an optional level 1..100.")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Chunk size of compressed resources (a power"
            + " of two; K, M, G suffixes allowed).")
    String chunkSize;

    @Option(names = "--recompress", description = "Compress all data again, even where it could be copied as it is.")
    boolean recompress;

    @Option(names = "--solid", description = "Put file data in solid resources (an ESD; DISM's /Compress:recovery).")
    boolean solid;

    @Option(names = "--solid-compress", paramLabel = "TYPE[:LEVEL]", description = "Compression of solid resources"
            + " (default lzms).")
    String solidCompress;

    @Option(names = "--solid-chunk-size", paramLabel = "SIZE", description = "Chunk size of solid resources (default"
            + " 64 MiB for lzms).")
    String solidChunkSize;

    @Option(names = "--threads", paramLabel = "N", description = "Compression threads (default: one per processor).")
    int threads;

    @Option(names = "--pipable", description = "Write a pipable WIM (a wimlib extension that can be applied from a pipe).")
    boolean pipable;

    @Option(names = "--not-pipable", description = "Write a normal (not pipable) WIM.")
    boolean notPipable;

    /** Whether a compression type was given. */
    boolean compressionGiven() {
        return compress != null;
    }

    WriteChoices choices(Boolean integrity) {
        if (pipable && notPipable) {
            throw CliException.usage("--pipable and --not-pipable cannot be given together");
        }
        if (threads < 0) {
            throw CliException.usage("the number of threads must not be negative");
        }
        WriteChoices c = WriteChoices.none().withIntegrity(integrity).withRecompress(recompress).withThreads(threads);
        if (compress != null) {
            CompressionArg a = CompressionArg.parse(compress);
            c = c.withCompression(a.type(), a.level());
        }
        if (chunkSize != null) {
            c = c.withChunkSize(CompressionArg.chunkSize(chunkSize));
        }
        if (solid || solidCompress != null || solidChunkSize != null) {
            CompressionType st = null;
            if (solidCompress != null) {
                CompressionArg a = CompressionArg.parse(solidCompress);
                st = a.type();
                if (st == CompressionType.NONE) {
                    throw CliException.usage("solid resources must be compressed");
                }
            }
            int sc = solidChunkSize == null ? 0 : CompressionArg.chunkSize(solidChunkSize);
            c = c.withSolid(solid ? Boolean.TRUE : null, st, sc);
        }
        if (pipable || notPipable) {
            c = c.withPipable(pipable);
        }
        return c;
    }
}
