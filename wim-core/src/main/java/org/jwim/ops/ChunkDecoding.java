package org.jwim.ops;

import java.util.HashMap;
import java.util.Map;
import org.jwim.WimFormatException;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.jwim.format.ChunkTable;
import org.jwim.io.WimResource;

/**
 * Decodes one chunk whose stored bytes the caller has already read (with its neighbours, in one
 * read), with one decompressor per thread and format, as {@code ResourceReader} does for the
 * chunks it reads itself: a chunk stored as long as its output is raw, any decoder failure is a
 * {@link WimFormatException} naming the file and offset.
 */
final class ChunkDecoding {
    private static final ThreadLocal<Map<Long, ChunkDecompressor>> DECOMPRESSORS = ThreadLocal.withInitial(HashMap::new);

    private ChunkDecoding() {
    }

    /**
     * Decodes chunk {@code index} of {@code r} (or copies a raw slice when {@code index} is -1),
     * stored as {@code in[inOff, inOff + stored)}, into {@code out[outOff, outOff + length)}.
     */
    static void decode(WimResource r, int index, byte[] in, int inOff, int stored, byte[] out, int outOff, int length)
            throws WimFormatException {
        if (index < 0 || stored == length) {
            System.arraycopy(in, inOff, out, outOff, length);
            return;
        }
        CompressionType type = r.compressionType();
        long at;
        ChunkTable t;
        try {
            t = r.chunkTable();
            at = t.start(index);
        } catch (java.io.IOException e) {
            throw new WimFormatException(r.part().path(), r.header().offset(), e.getMessage(), e);
        }
        if (type == CompressionType.NONE) {
            throw new WimFormatException(r.part().path(), at, "chunk of an uncompressed solid resource is not stored raw");
        }
        try {
            ChunkDecompressor d = DECOMPRESSORS.get().computeIfAbsent(((long) type.ordinal() << 32) | t.chunkSize(),
                    k -> ChunkCodecs.newDecompressor(type, t.chunkSize()));
            d.decompress(in, inOff, stored, out, outOff, length);
        } catch (CorruptChunkException e) {
            throw new WimFormatException(r.part().path(), at + e.offset(), "invalid " + type + " data in chunk " + index
                    + " of the " + r + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A decoder bug (or a chunk size no decoder takes) must not escape as anything else.
            throw new WimFormatException(r.part().path(), at, "could not decode " + type + " chunk " + index + ": " + e, e);
        }
    }
}
