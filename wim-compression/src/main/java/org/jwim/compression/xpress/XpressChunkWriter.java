package org.jwim.compression.xpress;

import static org.jwim.compression.xpress.XpressDecompressor.LENS_TABLE_SIZE;
import static org.jwim.compression.xpress.XpressDecompressor.NUM_CHARS;
import static org.jwim.compression.xpress.XpressDecompressor.NUM_SYMBOLS;

import org.jwim.compression.LittleEndian;

/**
 * Writes a parsed chunk: the 256-byte table of codeword lengths, then the bit stream.
 *
 * <p>The bit stream follows wimlib's writer model (format notes 14.2), which is what the format's
 * reader expects: two 2-byte word slots are reserved ahead of the byte cursor; once more than 16
 * bits are pending a word fills the first slot and a new slot is reserved at the byte cursor; the
 * raw length bytes of long matches go at the byte cursor; at the end the last bits fill the first
 * slot and the second holds a zero word. Words may be stored later than the model stores them,
 * since only the slots in use when a raw byte is written decide where it goes: pending bits are
 * stored down to 16 or fewer before every raw byte and at the end, and otherwise two words at a
 * time once more than 32 are pending (a quarter faster than word by word).
 *
 * <p>The size of that output follows from the code and the symbol counts alone
 * ({@link #size}), so a chunk that will not fit is refused before anything is written, and the
 * writer needs no bounds checks of its own.
 */
final class XpressChunkWriter {
    /** The two word slots the stream starts with. */
    private static final int INITIAL_SLOTS = 4;

    private final int[] codes = new int[NUM_SYMBOLS];

    /**
     * The exact size of the chunk {@link #write} makes: the table, then four bytes of initial word
     * slots, a word for every 16 bits beyond the last 1 to 16, and the raw length bytes.
     */
    static int size(int[] freqs, byte[] lens, int rawLengthBytes) {
        long bits = 0;
        for (int s = 0; s < NUM_CHARS; s++) {
            bits += (long) freqs[s] * lens[s];
        }
        for (int s = NUM_CHARS; s < NUM_SYMBOLS; s++) {
            // A match symbol is followed by its offset bits.
            bits += (long) freqs[s] * (lens[s] + ((s - NUM_CHARS) >>> 4));
        }
        // Nothing is ever pending at the end with no bits at all: the end-of-data symbol is coded.
        return LENS_TABLE_SIZE + INITIAL_SLOTS + 2 * (int) ((bits - 1) / 16) + rawLengthBytes;
    }

    /**
     * Writes the table and the items at {@code out[outOff]}, returning the end offset; the last
     * item must be {@link XpressItems#END_OF_DATA}, and there must be room for {@link #size}
     * bytes.
     */
    int write(int[] items, int count, int[] codewords, byte[] lens, byte[] out, int outOff) {
        for (int i = 0; i < LENS_TABLE_SIZE; i++) {
            out[outOff + i] = (byte) (lens[2 * i] | lens[2 * i + 1] << 4);
        }
        // Codeword and length in one int: one load per symbol.
        final int[] codes = this.codes;
        for (int s = 0; s < NUM_SYMBOLS; s++) {
            codes[s] = codewords[s] << 4 | lens[s];
        }
        int nextBits = outOff + LENS_TABLE_SIZE;
        int nextBits2 = nextBits + 2;
        int nextByte = nextBits + INITIAL_SLOTS;
        // Pending bits, the newest lowest: 32 at most between items, so an item's 30 more fit.
        long bits = 0;
        int bitCount = 0;
        for (int i = 0; i < count; i++) {
            final int item = items[i];
            final int offset = item & 0xFFFF;
            final int high = item >>> 16;
            if (offset == 0) {
                int c = codes[high];
                int len = c & 15;
                bits = bits << len | (c >>> 4);
                bitCount += len;
            } else {
                final int k = XpressItems.offsetBits(offset);
                final int extra = offset ^ (1 << k);
                if (high < XpressItems.LEN_HDR_MAX) {
                    // Symbol and offset bits in one go.
                    int c = codes[NUM_CHARS + (k << 4 | high)];
                    int len = (c & 15) + k;
                    bits = bits << len | ((long) (c >>> 4) << k | extra);
                    bitCount += len;
                } else {
                    int c = codes[NUM_CHARS + (k << 4 | XpressItems.LEN_HDR_MAX)];
                    int len = c & 15;
                    bits = bits << len | (c >>> 4);
                    bitCount += len;
                    // The raw length bytes go after the slots the reader has loaded by now: no
                    // more than 16 bits may be pending.
                    while (bitCount > 16) {
                        bitCount -= 16;
                        LittleEndian.putU16(out, nextBits, (int) (bits >>> bitCount));
                        nextBits = nextBits2;
                        nextBits2 = nextByte;
                        nextByte += 2;
                    }
                    if (high < XpressItems.ADJUSTED_LEN_U16) {
                        out[nextByte++] = (byte) (high - XpressItems.LEN_HDR_MAX);
                    } else {
                        out[nextByte] = (byte) 0xFF;
                        LittleEndian.putU16(out, nextByte + 1, high);
                        nextByte += 3;
                    }
                    bits = bits << k | extra;
                    bitCount += k;
                }
            }
            if (bitCount > 32) {
                // Two words into the two slots, and two new slots; 1 to 30 bits stay pending.
                bitCount -= 32;
                int two = (int) (bits >>> bitCount);
                LittleEndian.putU16(out, nextBits, two >>> 16);
                LittleEndian.putU16(out, nextBits2, two);
                nextBits = nextByte;
                nextBits2 = nextByte + 2;
                nextByte += 4;
            }
        }
        // 1 to 32 bits are pending: the model stores a word only beyond 16.
        if (bitCount > 16) {
            bitCount -= 16;
            LittleEndian.putU16(out, nextBits, (int) (bits >>> bitCount));
            nextBits = nextBits2;
            nextBits2 = nextByte;
            nextByte += 2;
        }
        LittleEndian.putU16(out, nextBits, (int) (bits << (16 - bitCount)));
        LittleEndian.putU16(out, nextBits2, 0);
        return nextByte;
    }
}
