package org.jwim.write;

import org.jwim.compression.CompressionType;

/**
 * How to write a WIM, with wimlib-imagex's defaults: LZX with 32 KiB chunks at level 50; solid
 * resources LZMS with 64 MiB chunks.
 *
 * @param compression      compression of non-solid resources (and metadata)
 * @param chunkSize        chunk size of non-solid resources
 * @param level            compression level 1..100
 * @param solid            put file data in solid resources (an ESD-style WIM)
 * @param solidCompression compression of solid resources
 * @param solidChunkSize   chunk size of solid resources
 * @param threads          compression threads
 * @param integrity        write an integrity table
 * @param pipable          write a pipable WIM
 * @param recompress       compress blobs taken from other WIMs again even when they could be copied as they are
 */
public record WriteOptions(CompressionType compression, int chunkSize, int level, boolean solid,
                           CompressionType solidCompression, int solidChunkSize, int threads, boolean integrity,
                           boolean pipable, boolean recompress) {

    /** Chunk size of the integrity table, as wimlib writes it. */
    public static final int INTEGRITY_CHUNK_SIZE = 10 * 1024 * 1024;

    public WriteOptions {
        if (compression != CompressionType.NONE && !compression.isValidChunkSize(chunkSize)) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is not valid for " + compression);
        }
        if (solid && (solidCompression == CompressionType.NONE || !solidCompression.isValidChunkSize(solidChunkSize))) {
            throw new IllegalArgumentException("solid chunk size " + solidChunkSize + " is not valid for " + solidCompression);
        }
        if (level < 1 || level > 100) {
            throw new IllegalArgumentException("compression level must be 1..100");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (pipable && solid) {
            throw new IllegalArgumentException("a pipable WIM cannot have solid resources");
        }
    }

    /** wimlib-imagex's defaults: LZX, 32 KiB, level 50, all processors. */
    public static WriteOptions defaults() {
        return new WriteOptions(CompressionType.LZX, 1 << 15, 50, false, CompressionType.LZMS, 1 << 26,
                Runtime.getRuntime().availableProcessors(), false, false, false);
    }

    /** Uncompressed. */
    public static WriteOptions uncompressed() {
        return defaults().withCompression(CompressionType.NONE, 0);
    }

    public WriteOptions withCompression(CompressionType type, int newChunkSize) {
        int cs = type == CompressionType.NONE ? 0 : newChunkSize <= 0 ? type.defaultChunkSize() : newChunkSize;
        return new WriteOptions(type, cs, level, solid, solidCompression, solidChunkSize, threads, integrity, pipable, recompress);
    }

    public WriteOptions withLevel(int newLevel) {
        return new WriteOptions(compression, chunkSize, newLevel, solid, solidCompression, solidChunkSize, threads,
                integrity, pipable, recompress);
    }

    /** Solid resources of {@code type} with chunks of {@code size} (the WIM's own type becomes LZMS as wimlib does). */
    public WriteOptions withSolid(CompressionType type, int size) {
        return new WriteOptions(compression, chunkSize, level, true, type, size, threads, integrity, pipable, recompress);
    }

    public WriteOptions withThreads(int n) {
        return new WriteOptions(compression, chunkSize, level, solid, solidCompression, solidChunkSize, n, integrity,
                pipable, recompress);
    }

    public WriteOptions withIntegrity(boolean on) {
        return new WriteOptions(compression, chunkSize, level, solid, solidCompression, solidChunkSize, threads, on,
                pipable, recompress);
    }

    public WriteOptions withRecompress(boolean on) {
        return new WriteOptions(compression, chunkSize, level, solid, solidCompression, solidChunkSize, threads,
                integrity, pipable, on);
    }

    public WriteOptions withPipable(boolean on) {
        return new WriteOptions(compression, chunkSize, level, solid, solidCompression, solidChunkSize, threads,
                integrity, on, recompress);
    }
}
