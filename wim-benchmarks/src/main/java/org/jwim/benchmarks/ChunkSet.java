package org.jwim.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * A corpus cut into chunks as a WIM writer would cut it and compressed by wimlib's own
 * compressor: the input both sides of {@link DecompressBenchmark} decode.
 *
 * <p>The compressed chunks lie back to back in {@link #packed()}, as they lie in a resource.
 * Chunks that wimlib cannot shrink are dropped (a WIM stores those raw and no codec sees them),
 * so the bytes counted are only those that went through a decoder.
 */
public final class ChunkSet {
    private final CodecCase codec;
    private final String corpusKind;
    private final byte[] packed;
    private final int[] offset;
    private final int[] compressedSize;
    private final int[] size;
    private final byte[][] source;
    private final int[] sourceOffset;
    private final long uncompressedBytes;
    private final int dropped;

    private ChunkSet(CodecCase codec, String corpusKind, byte[] packed, int[] offset, int[] compressedSize,
            int[] size, byte[][] source, int[] sourceOffset, int dropped) {
        this.codec = codec;
        this.corpusKind = corpusKind;
        this.packed = packed;
        this.offset = offset;
        this.compressedSize = compressedSize;
        this.size = size;
        this.source = source;
        this.sourceOffset = sourceOffset;
        long total = 0;
        for (int s : size) {
            total += s;
        }
        this.uncompressedBytes = total;
        this.dropped = dropped;
    }

    /**
     * Cuts {@code corpus} into {@code codec}'s chunks (each file on its own, or all files as one
     * stream when the case is solid) and compresses every chunk with libwim at {@code level}.
     *
     * @throws IllegalStateException when libwim is not available
     */
    public static ChunkSet compress(Corpus corpus, CodecCase codec, int level) {
        if (!LibWim.available()) {
            throw new IllegalStateException("the chunks are made by wimlib's compressor, and " + LibWim.unavailableReason());
        }
        Builder b = new Builder(codec, corpus);
        try (LibWim.Compressor compressor = new LibWim.Compressor(codec.type(), codec.chunkSize(), level)) {
            if (codec.solid()) {
                b.addStream(compressor, corpus.concatenated());
            } else {
                for (byte[] file : corpus.files()) {
                    b.addStream(compressor, file);
                }
            }
        }
        return b.build();
    }

    /** Accumulates chunks in arrays that grow by doubling. */
    private static final class Builder {
        private final CodecCase codec;
        private final String corpusKind;
        private byte[] packed;
        private int packedLength;
        private int count;
        private int[] offset = new int[64];
        private int[] compressedSize = new int[64];
        private int[] size = new int[64];
        private byte[][] source = new byte[64][];
        private int[] sourceOffset = new int[64];
        private int dropped;

        Builder(CodecCase codec, Corpus corpus) {
            this.codec = codec;
            this.corpusKind = corpus.kind();
            // A kept chunk is smaller than its input, so the corpus size bounds the packed size.
            this.packed = new byte[(int) Math.min(corpus.totalBytes(), Integer.MAX_VALUE - 16)];
        }

        void addStream(LibWim.Compressor compressor, byte[] stream) {
            for (int pos = 0; pos < stream.length; pos += codec.chunkSize()) {
                int len = Math.min(codec.chunkSize(), stream.length - pos);
                byte[] c = compressor.compress(stream, pos, len);
                if (c == null) {
                    dropped++;
                    continue;
                }
                if (count == size.length) {
                    grow();
                }
                System.arraycopy(c, 0, packed, packedLength, c.length);
                offset[count] = packedLength;
                compressedSize[count] = c.length;
                size[count] = len;
                source[count] = stream;
                sourceOffset[count] = pos;
                packedLength += c.length;
                count++;
            }
        }

        private void grow() {
            int n = count * 2;
            offset = Arrays.copyOf(offset, n);
            compressedSize = Arrays.copyOf(compressedSize, n);
            size = Arrays.copyOf(size, n);
            source = Arrays.copyOf(source, n);
            sourceOffset = Arrays.copyOf(sourceOffset, n);
        }

        ChunkSet build() {
            if (count == 0) {
                throw new IllegalStateException("no chunk of corpus " + corpusKind + " shrank under " + codec);
            }
            return new ChunkSet(codec, corpusKind, Arrays.copyOf(packed, packedLength),
                    Arrays.copyOf(offset, count), Arrays.copyOf(compressedSize, count), Arrays.copyOf(size, count),
                    Arrays.copyOf(source, count), Arrays.copyOf(sourceOffset, count), dropped);
        }
    }

    public CodecCase codec() {
        return codec;
    }

    public int count() {
        return size.length;
    }

    /** The compressed chunks back to back; do not modify. */
    public byte[] packed() {
        return packed;
    }

    /** Where each chunk starts in {@link #packed()}; do not modify. */
    public int[] offsets() {
        return offset;
    }

    /** Each chunk's compressed size; do not modify. */
    public int[] compressedSizes() {
        return compressedSize;
    }

    /** Each chunk's uncompressed size; do not modify. */
    public int[] sizes() {
        return size;
    }

    /** The bytes one pass over all chunks decodes. */
    public long uncompressedBytes() {
        return uncompressedBytes;
    }

    /** How many chunks did not shrink and were left out. */
    public int dropped() {
        return dropped;
    }

    /**
     * Checks that {@code out[outOff, outOff + size(i))} is chunk {@code i}'s original.
     *
     * @throws IllegalStateException naming the chunk and the first differing byte otherwise
     */
    public void verify(String who, int i, byte[] out, int outOff) {
        int len = size[i];
        int diff = Arrays.mismatch(out, outOff, outOff + len, source[i], sourceOffset[i], sourceOffset[i] + len);
        if (diff >= 0) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s decoded chunk %d of %s/%s (%d -> %d bytes) wrongly: first difference at byte %d",
                    who, i, corpusKind, codec, compressedSize[i], len, diff));
        }
    }

    /** One line for the log: counts, sizes and the compression ratio. */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s: %d chunks (%d raw ones dropped), %d -> %d bytes (%.1f%%)",
                corpusKind, codec, count(), dropped, uncompressedBytes, packed.length,
                100.0 * packed.length / uncompressedBytes);
    }
}
