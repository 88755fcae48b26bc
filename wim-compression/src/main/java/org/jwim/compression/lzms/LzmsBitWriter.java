package org.jwim.compression.lzms;

import org.jwim.compression.LittleEndian;

/**
 * The backward half of an LZMS chunk: Huffman codewords and raw extra bits, most significant bit
 * first, in 16-bit little-endian words written from the end of the output region downwards.
 *
 * <p>Words that would go below the start are counted but not written; {@link #overflowed} then
 * tells the chunk cannot be stored in the space given.
 */
final class LzmsBitWriter {
    private byte[] out;
    private int begin;
    private int pos;
    private long bits;
    private int count;
    private boolean overflowed;

    /** Starts a chunk that may use {@code out[begin, end)}; words go downwards from {@code end}. */
    void reset(byte[] out, int begin, int end) {
        this.out = out;
        this.begin = begin;
        this.pos = end;
        this.bits = 0;
        this.count = 0;
        this.overflowed = false;
    }

    /** Appends the low {@code n} bits of {@code value} (0 to 32 of them, the rest zero). */
    void write(int value, int n) {
        bits = (bits << n) | (value & 0xFFFFFFFFL);
        count += n;
        while (count >= 16) {
            count -= 16;
            if (pos - 2 >= begin) {
                pos -= 2;
                LittleEndian.putU16(out, pos, (int) (bits >>> count));
            } else {
                overflowed = true;
            }
        }
    }

    /** Pads the last word with zeros; call once, after the last bits. */
    void flush() {
        if (count != 0) {
            write(0, 16 - count);
        }
    }

    /** The lowest byte written: the start of the backward data. */
    int position() {
        return pos;
    }

    boolean overflowed() {
        return overflowed;
    }
}
