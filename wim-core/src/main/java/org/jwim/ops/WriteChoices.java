package org.jwim.ops;

import org.jwim.compression.CompressionType;
import org.jwim.write.WriteOptions;

/**
 * The write settings a command's user chose (wimlib-imagex's --compress, --chunk-size, --solid,
 * --solid-compress, --solid-chunk-size, --pipable/--not-pipable, --check/--nocheck, --recompress,
 * --threads); what is left null or 0 comes from the WIM being rewritten or wimlib's defaults.
 *
 * @param compression      compression of non-solid resources, or null
 * @param level            compression level 1..100, or 0 for the default (50)
 * @param chunkSize        chunk size of non-solid resources, or 0
 * @param solid            write solid resources (true), none (false), or as the WIM had (null)
 * @param solidCompression compression of solid resources, or null
 * @param solidChunkSize   chunk size of solid resources, or 0
 * @param pipable          write a pipable WIM (true), a normal one (false), or as it was (null)
 * @param integrity        write an integrity table (true), none (false), or as it was (null)
 * @param recompress       compress all data again, even where it could be copied as it is
 * @param threads          compression threads, or 0 for one per processor
 */
public record WriteChoices(CompressionType compression, int level, int chunkSize, Boolean solid,
                           CompressionType solidCompression, int solidChunkSize, Boolean pipable, Boolean integrity,
                           boolean recompress, int threads) {

    /** Nothing chosen. */
    public static WriteChoices none() {
        return new WriteChoices(null, 0, 0, null, null, 0, null, null, false, 0);
    }

    public WriteChoices withCompression(CompressionType type, int newLevel) {
        return new WriteChoices(type, newLevel, chunkSize, solid, solidCompression, solidChunkSize, pipable, integrity,
                recompress, threads);
    }

    public WriteChoices withChunkSize(int size) {
        return new WriteChoices(compression, level, size, solid, solidCompression, solidChunkSize, pipable, integrity,
                recompress, threads);
    }

    public WriteChoices withSolid(Boolean on, CompressionType type, int size) {
        return new WriteChoices(compression, level, chunkSize, on, type, size, pipable, integrity, recompress, threads);
    }

    public WriteChoices withPipable(Boolean on) {
        return new WriteChoices(compression, level, chunkSize, solid, solidCompression, solidChunkSize, on, integrity,
                recompress, threads);
    }

    public WriteChoices withIntegrity(Boolean on) {
        return new WriteChoices(compression, level, chunkSize, solid, solidCompression, solidChunkSize, pipable, on,
                recompress, threads);
    }

    public WriteChoices withRecompress(boolean on) {
        return new WriteChoices(compression, level, chunkSize, solid, solidCompression, solidChunkSize, pipable,
                integrity, on, threads);
    }

    public WriteChoices withThreads(int n) {
        return new WriteChoices(compression, level, chunkSize, solid, solidCompression, solidChunkSize, pipable,
                integrity, recompress, n);
    }

    /**
     * {@code base} (what the WIM being rewritten has) with these choices applied: a compression type
     * chosen without a chunk size gets the base's chunk size if the type is the base's, else the
     * type's default; solid resources chosen without a type are LZMS with 64 MiB chunks unless the
     * base had solid resources.
     */
    public WriteOptions applyTo(WriteOptions base) {
        WriteOptions o = base;
        if (compression != null || chunkSize != 0) {
            CompressionType t = compression != null ? compression : base.compression();
            int cs = chunkSize != 0 ? chunkSize : t == base.compression() ? base.chunkSize() : 0;
            o = o.withCompression(t, cs);
        }
        if (level != 0) {
            o = o.withLevel(level);
        }
        boolean wantSolid = solid != null ? solid : base.solid();
        if (wantSolid) {
            CompressionType st = solidCompression != null ? solidCompression
                    : base.solid() ? base.solidCompression() : CompressionType.LZMS;
            int sc = solidChunkSize != 0 ? solidChunkSize
                    : st == base.solidCompression() && base.solid() ? base.solidChunkSize() : defaultSolidChunk(st);
            o = o.withSolid(st, sc);
        } else if (o.solid()) {
            o = new WriteOptions(o.compression(), o.chunkSize(), o.level(), false, o.solidCompression(),
                    o.solidChunkSize(), o.threads(), o.integrity(), o.pipable(), o.recompress());
        }
        if (pipable != null) {
            o = o.withPipable(pipable);
        }
        if (integrity != null) {
            o = o.withIntegrity(integrity);
        }
        if (recompress) {
            o = o.withRecompress(true);
        }
        if (threads > 0) {
            o = o.withThreads(threads);
        }
        return o;
    }

    /** wimlib's solid chunk sizes: 64 MiB for LZMS, else the type's usual chunk size. */
    static int defaultSolidChunk(CompressionType t) {
        return t == CompressionType.LZMS ? 1 << 26 : t.defaultChunkSize();
    }
}
