package org.jwim.compression.lzx;

import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;

/**
 * The LZX bit stream of one chunk: 16-bit little-endian words, each read from its most
 * significant bit down.
 *
 * <p>{@link #buf} holds the next bits left-aligned (the next bit is bit 63), {@link #bitsLeft} of
 * them valid. A refill loads 64 bits with one {@link LittleEndian#getLong} and adds as many whole
 * words as fit; the bits below {@code bitsLeft} may already hold the start of the next word,
 * which is harmless because the next refill ORs the same bits there. Where fewer than 8 bytes are
 * left the load is assembled from single bytes, and past the end of the words the stream reads as
 * zeros: peeking there is normal (Huffman lookups peek up to 16 bits), consuming is caught by
 * {@link #checkNotOverrun}. A trailing odd byte is not part of any word (as in wimlib).
 *
 * <p>The block decoder copies {@code buf}, {@code bitsLeft} and {@code pos} into locals for its
 * hot loop and writes them back; the methods here serve the block headers.
 */
final class LzxBitReader {
    byte[] in;
    /** Chunk start in {@link #in}. */
    int start;
    /** End of the last whole 16-bit word of the chunk. */
    int end;
    /** Largest {@link #pos} from which 8 bytes of the chunk can be loaded. */
    int fastLimit;
    /** Next byte to load; passes {@link #end} when the stream is read past its end. */
    int pos;
    long buf;
    int bitsLeft;

    void reset(byte[] in, int off, int len) {
        this.in = in;
        this.start = off;
        this.end = off + (len & ~1);
        this.fastLimit = end - 8;
        restartAt(off);
    }

    /** Continues with the word at {@code bytePos} (after an uncompressed block). */
    void restartAt(int bytePos) {
        pos = bytePos;
        buf = 0;
        bitsLeft = 0;
    }

    /**
     * The next 64 bits of the stream at {@code pos}, first word in the top 16 bits. Callers
     * shift it right by their bit count and add the whole words that fit.
     */
    static long load(byte[] in, int pos, int fastLimit, int end) {
        long w = pos <= fastLimit ? LittleEndian.getLong(in, pos) : loadTail(in, pos, end);
        // Words w3:w2:w1:w0 (little-endian) -> w0:w1:w2:w3.
        w = Long.rotateLeft(w, 32);
        return ((w >>> 16) & 0x0000FFFF0000FFFFL) | ((w & 0x0000FFFF0000FFFFL) << 16);
    }

    /** Like a little-endian getLong at {@code pos}, with zeros for the bytes at or past {@code end}. */
    private static long loadTail(byte[] in, int pos, int end) {
        long w = 0;
        for (int i = Math.min(8, end - pos) - 1; i >= 0; i--) {
            w = (w << 8) | (in[pos + i] & 0xFF);
        }
        return w;
    }

    /** Tops up to at least 49 bits. Only for {@code bitsLeft < 64}. */
    void refill() {
        buf |= load(in, pos, fastLimit, end) >>> bitsLeft;
        int words = (64 - bitsLeft) >>> 4;
        pos += words << 1;
        bitsLeft += words << 4;
    }

    /** Reads {@code n} bits, 0 to 32. */
    int bits(int n) {
        if (bitsLeft < n) {
            refill();
        }
        int v = (int) ((buf >>> 32) >>> (32 - n));
        buf <<= n;
        bitsLeft -= n;
        return v;
    }

    /** Decodes one symbol with a table of {@code org.jwim.compression.huffman.HuffmanDecodeTable}. */
    int symbol(int[] table, int tableBits) {
        if (bitsLeft < 32) {
            refill();
        }
        int e = table[(int) (buf >>> (64 - tableBits))];
        if ((e & 0x80) != 0) {
            buf <<= tableBits;
            bitsLeft -= tableBits;
            e = table[(e >>> 8) + (int) (buf >>> (64 - (e & 0x7F)))];
        }
        int n = e & 0xFF;
        buf <<= n;
        bitsLeft -= n;
        return e >>> 8;
    }

    /** Bits consumed since the chunk start. */
    long consumedBits() {
        return (long) (pos - start) * 8 - bitsLeft;
    }

    /** Byte offset in the chunk of the next unread bit, for error messages. */
    long offset() {
        return consumedBits() >>> 3;
    }

    /** Throws if more bits were consumed than the chunk has. */
    void checkNotOverrun() throws CorruptChunkException {
        if (consumedBits() > (long) (end - start) * 8) {
            throw new CorruptChunkException("LZX stream is truncated", end - start);
        }
    }

    /**
     * Where the 12 header bytes of an uncompressed block start: the next word boundary, or a
     * whole word further when the stream is already on one (the format's padding rule).
     */
    int uncompressedHeaderStart() {
        return start + (int) ((consumedBits() >>> 4) + 1) * 2;
    }
}
