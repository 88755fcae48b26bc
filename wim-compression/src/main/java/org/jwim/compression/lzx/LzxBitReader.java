package org.jwim.compression.lzx;

import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;

/**
 * The LZX bit stream of one chunk: 16-bit little-endian words, each read from its most
 * significant bit down.
 *
 * <p>{@link #buf} holds the next bits left-aligned (the next bit is bit 63), {@link #bitsLeft} of
 * them valid (always under 64). A refill loads 64 bits with one {@link LittleEndian#getLong},
 * puts the words in reading order and adds as many whole words as fit; the bits below
 * {@code bitsLeft} may already hold the start of the next word, which is harmless because the
 * next refill ORs the same bits there. Within 8 bytes of the end the load comes from a 24-byte
 * copy of the last 8 bytes followed by zeros, so past the end the stream reads as zeros: peeking
 * there is normal (Huffman lookups peek up to 16 bits), consuming is caught by
 * {@link #checkNotOverrun} at block ends, or here as soon as the loads pass 8 bytes beyond the end.
 * A trailing odd byte is not part of any word (as in wimlib).
 *
 * <p>The block decoder takes the state into locals for its symbol loop, in its own form (see
 * {@link #markedBuffer}), and gives it back; it reads zeros past the end from {@link #tailInts}
 * for as long as its block lasts, and the check at the block end refuses the chunk. The methods
 * here serve the block headers.
 */
final class LzxBitReader {
    byte[] in;
    /** Chunk start in {@link #in}. */
    int start;
    /** Chunk length in bytes. */
    int length;
    /** End of the last whole 16-bit word of the chunk. */
    int end;
    /** Largest {@link #pos} from which 8 bytes of the chunk can be loaded. */
    int fastLimit;
    /** The bytes of {@code in[tailBase, end)} (zeros before {@link #start}), then 16 zeros. */
    final byte[] tail = new byte[24];
    /** Index of the last of {@link #tailInts}: from 12 bytes past {@link #tailBase} on, all zeros. */
    static final int TAIL_LAST = 12;
    /**
     * {@code tailInts[k]}: the two 16-bit words at {@code tailBase + k} in reading order (first
     * word on top), from {@link #tail}: what the symbol loop loads near and past the end.
     */
    final long[] tailInts = new long[TAIL_LAST + 1];
    int tailBase;
    /** Next byte to load; passes {@link #end} when the stream is read past its end. */
    int pos;
    long buf;
    int bitsLeft;

    void reset(byte[] in, int off, int len) {
        this.in = in;
        this.length = len;
        this.start = off;
        this.end = off + (len & ~1);
        this.fastLimit = end - 8;
        this.tailBase = end - 8;
        for (int i = 0; i < 8; i++) {
            int p = tailBase + i;
            tail[i] = p >= off ? in[p] : 0;
        }
        for (int k = 0; k <= TAIL_LAST; k++) {
            tailInts[k] = Integer.rotateLeft(LittleEndian.getInt(tail, k), 16) & 0xFFFFFFFFL;
        }
        restartAt(off);
    }

    /**
     * The two 16-bit words at {@code pos} in reading order (first word on top): from {@code in}
     * while {@code pos <= fastLimit}, else from {@link #tailInts}. Every refill of the symbol loop
     * goes through this one method, so C2 sees one profile of its branch: a refill site that had
     * not yet met a chunk's end was compiled with a trap there, and recompiled when it did.
     */
    long twoWordsAt(byte[] in, int pos, int fastLimit) {
        return pos <= fastLimit ? Integer.rotateLeft(LittleEndian.getInt(in, pos), 16) & 0xFFFFFFFFL
                : tailInts[Math.min(pos - tailBase, TAIL_LAST)];
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
    long load(int pos) throws CorruptChunkException {
        return wordOrder(pos <= fastLimit ? LittleEndian.getLong(in, pos) : tailLong(pos));
    }

    /**
     * A little-endian load at {@code pos > fastLimit}, from {@link #tail}: the last 8 bytes of
     * words and 16 zeros, for the header reads (the symbol loop uses {@link #tailInts}). Once
     * {@code pos} is 8 bytes past the end, more bits
     * were consumed than the chunk has (at most 63 are buffered): truncated input stops here,
     * not at the end of its block.
     */
    long tailLong(int pos) throws CorruptChunkException {
        if (pos - tailBase >= 16) {
            throw new CorruptChunkException("LZX stream is truncated", length);
        }
        return LittleEndian.getLong(tail, pos - tailBase);
    }

    /** Words w3:w2:w1:w0 of a little-endian load -> w0:w1:w2:w3. */
    static long wordOrder(long w) {
        w = Long.rotateLeft(w, 32);
        return ((w >>> 16) & 0x0000FFFF0000FFFFL) | ((w & 0x0000FFFF0000FFFFL) << 16);
    }

    /**
     * Tops up to at least 48 bits by adding whole words: {@code bitsLeft | 48} keeps the count of
     * bits modulo 16 and adds 16 for each word that fits. {@code bitsLeft} stays below 64, which
     * the shift by it needs.
     */
    void refill() throws CorruptChunkException {
        buf |= load(pos) >>> bitsLeft;
        pos += (48 - (bitsLeft & 48)) >>> 3;
        bitsLeft |= 48;
    }

    /** Reads {@code n} bits, 0 to 32. */
    int bits(int n) throws CorruptChunkException {
        if (bitsLeft < n) {
            refill();
        }
        int v = (int) ((buf >>> 32) >>> (32 - n));
        buf <<= n;
        bitsLeft -= n;
        return v;
    }

    /** Decodes one symbol with a table of {@code org.jwim.compression.huffman.HuffmanDecodeTable}. */
    int symbol(int[] table, int tableBits) throws CorruptChunkException {
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

    /**
     * The two 16-bit words at {@code pos} in reading order (first word on top) in the low 32
     * bits: from the input, or near and past its end from {@link #tailInts} (an array load, no
     * call, so that loops using it keep their values in registers).
     */
    long wordsAt(int pos) {
        return pos <= end - 4 ? Integer.rotateLeft(LittleEndian.getInt(in, pos), 16) & 0xFFFFFFFFL
                : tailInts[Math.min(pos - tailBase, TAIL_LAST)];
    }

    /**
     * {@code buf} in the marker form, holding fewer than 32 bits, with the 32 bits of {@code w}
     * added where its marker was and the marker below them.
     */
    static long withTwoWords(long buf, long w) {
        return (buf & (buf - 1)) | (((w << 1) | 1) << (Long.numberOfTrailingZeros(buf) - 32));
    }

    /**
     * The buffered bits in the symbol loop's form: the {@link #bitsLeft} valid bits on top, then
     * a 1 bit marking their end, then zeros.
     */
    long markedBuffer() {
        long valid = bitsLeft == 0 ? 0 : buf & (-1L << (64 - bitsLeft));
        return valid | (1L << (63 - bitsLeft));
    }

    /** Takes back the state from the symbol loop: its marked buffer and load position. */
    void setMarkedBuffer(long marked, int pos) {
        this.bitsLeft = 63 - Long.numberOfTrailingZeros(marked);
        this.buf = marked & (marked - 1);
        this.pos = pos;
    }

    /** Bits consumed since the chunk start. */
    long consumedBits() {
        return (long) (pos - start) * 8 - bitsLeft;
    }

    /**
     * Byte offset in the chunk of the next unread bit, for error messages; at most the chunk
     * length (garbage may be noticed after reading zeros past the end).
     */
    long offset() {
        return Math.min(consumedBits() >>> 3, length);
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
