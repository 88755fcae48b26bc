package org.jwim.compression.lzms;

import org.jwim.compression.LittleEndian;

/**
 * The forward half of an LZMS chunk: a binary range encoder writing 16-bit little-endian words
 * from the start of the output region, the inverse of the decoder's (format notes 14.3).
 *
 * <p>{@code low} is the bottom of the current interval with one bit above its 32 for the carry.
 * A word leaves {@code low} only once no carry can change it any more: the newest finished word
 * waits in {@code cache}, followed by {@code pending} words of 0xFFFF that a carry would turn to
 * 0x0000 (and add one to the cached word). The very first word produced is the top of the
 * initial interval, always 0 and never written: the decoder starts with the next two words.
 * Four shifts at the end push every bit of {@code low} out, so the decoder's code ends at 0.
 *
 * <p>Words that do not fit below {@code end} are counted but not written; {@link #overflowed}
 * then tells the chunk cannot be stored in the space given.
 */
final class LzmsRangeEncoder {
    private byte[] out;
    private int pos;
    private int end;
    private long low;
    /** The interval size, an unsigned 32-bit value kept in a long. */
    private long range;
    private int cache;
    private long pending;
    private boolean dropFirst;
    private boolean overflowed;

    /** Starts a chunk that may use {@code out[off, end)}. */
    void reset(byte[] out, int off, int end) {
        this.out = out;
        this.pos = off;
        this.end = end;
        this.low = 0;
        this.range = 0xFFFFFFFFL;
        this.cache = 0;
        this.pending = 1;
        this.dropFirst = true;
        this.overflowed = false;
    }

    /** Codes {@code bit} (0 or 1) where {@code prob} in 1..63 is the chance of a 0, out of 64. */
    void encode(int bit, int prob) {
        if (range <= 0xFFFF) {
            range <<= 16;
            shiftLow();
        }
        long bound = (range >>> 6) * prob;
        if (bit == 0) {
            range = bound;
        } else {
            low += bound;
            range -= bound;
        }
    }

    private void shiftLow() {
        if (low < 0xFFFF0000L || low > 0xFFFFFFFFL) {
            int carry = (int) (low >>> 32);
            int word = cache;
            do {
                put(word + carry);
                word = 0xFFFF;
            } while (--pending != 0);
            cache = (int) (low >>> 16) & 0xFFFF;
        }
        pending++;
        low = (low & 0xFFFF) << 16;
    }

    private void put(int word) {
        if (dropFirst) {
            dropFirst = false;
        } else if (pos + 2 <= end) {
            LittleEndian.putU16(out, pos, word);
            pos += 2;
        } else {
            overflowed = true;
        }
    }

    /** Writes out the rest of {@code low}; call once, after the last bit. */
    void flush() {
        for (int i = 0; i < 4; i++) {
            shiftLow();
        }
    }

    /** Where the next word would go: the end of the forward data. */
    int position() {
        return pos;
    }

    /** Whether a word did not fit. */
    boolean overflowed() {
        return overflowed;
    }
}
