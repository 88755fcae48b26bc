package org.jwim.compression.lzx;

import java.io.ByteArrayOutputStream;

/** Test-only writer of LZX's bit stream: 16-bit little-endian words filled from the top bit. */
final class LzxBitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int word;
    private int used;
    private long bitCount;

    /** Appends the low {@code n} bits of {@code value}, most significant first. */
    LzxBitWriter bits(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            word = (word << 1) | ((value >>> i) & 1);
            bitCount++;
            if (++used == 16) {
                flushWord();
            }
        }
        return this;
    }

    private void flushWord() {
        out.write(word & 0xFF);
        out.write((word >>> 8) & 0xFF);
        word = 0;
        used = 0;
    }

    /** Bits written so far (raw bytes count 8 each). */
    long bitCount() {
        return bitCount;
    }

    /**
     * The padding before an uncompressed block's header: zeros to the next word boundary, or a
     * whole zero word when already on one.
     *
     * @return whether the stream was already aligned (a whole word was written)
     */
    boolean padForUncompressed() {
        boolean aligned = used == 0;
        bits(0, aligned ? 16 : 16 - used);
        return aligned;
    }

    /** Raw bytes; only on a word boundary. */
    LzxBitWriter bytes(byte[] b, int off, int len) {
        if (used != 0) {
            throw new IllegalStateException("raw bytes off a word boundary");
        }
        out.write(b, off, len);
        bitCount += 8L * len;
        return this;
    }

    LzxBitWriter u32(int v) {
        return bytes(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)}, 0, 4);
    }

    /** The stream, its last word padded with zeros. */
    byte[] toByteArray() {
        if (used != 0) {
            bits(0, 16 - used);
        }
        return out.toByteArray();
    }
}
