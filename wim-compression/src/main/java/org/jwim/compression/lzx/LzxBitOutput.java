package org.jwim.compression.lzx;

/**
 * Writes LZX's bit stream: 16-bit little-endian words, each filled from its most significant bit,
 * into a caller's buffer that may be too small.
 *
 * <p>Bits gather in a 64-bit accumulator (newest in the low bits); {@link #flush} moves out the
 * whole words. Callers add at most 48 bits between flushes. Words that do not fit before the
 * limit are dropped and the output marked as overflowed, so a chunk that will not shrink costs no
 * bounds failure, just a wasted encode.
 */
final class LzxBitOutput {
    private byte[] out;
    private int start;
    private int pos;
    private int limit;
    private boolean overflow;
    private long acc;
    private int count;

    /** Starts writing at {@code out[off]}, never at or past {@code out[off + capacity]}. */
    void reset(byte[] out, int off, int capacity) {
        this.out = out;
        this.start = off;
        this.pos = off;
        // Only whole words are written: an odd last byte of room is useless.
        this.limit = off + (capacity & ~1);
        this.overflow = false;
        this.acc = 0;
        this.count = 0;
    }

    /** Appends the low {@code n} bits of {@code value} (whose higher bits must be 0), most significant first. */
    void add(int value, int n) {
        acc = (acc << n) | value;
        count += n;
    }

    /** Adds up to 16 bits and flushes. */
    void write(int value, int n) {
        add(value, n);
        flush();
    }

    /** Writes out the complete words held. */
    void flush() {
        while (count >= 16) {
            count -= 16;
            int word = (int) (acc >>> count);
            if (pos + 2 <= limit) {
                out[pos] = (byte) word;
                out[pos + 1] = (byte) (word >>> 8);
            } else {
                overflow = true;
            }
            pos += 2;
        }
    }

    /**
     * Pads the last word with zero bits and writes it.
     *
     * @return the bytes written, or -1 when they did not all fit
     */
    int finish() {
        flush();
        if (count > 0) {
            add(0, 16 - count);
            flush();
        }
        return overflow ? -1 : pos - start;
    }

    /** Whether the output has already run out of room. */
    boolean overflowed() {
        return overflow;
    }
}
