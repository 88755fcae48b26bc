package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.E8_TAIL;
import static org.jwim.compression.lzx.LzxConstants.E8_TRANSLATION_SIZE;

import org.jwim.compression.LittleEndian;

/**
 * The encoder's half of LZX's x86 call translation, the inverse of {@link LzxE8Filter}: the
 * 32-bit relative target after each 0xE8 byte becomes absolute (position in the chunk +
 * relative) when the decoder will map it back, so calls to one function look alike wherever
 * they are. The bytes found and skipped are the decoder's: an E8 at position i with i &lt; size -
 * 10, then the next E8 from i + 5, whether the target was changed or not.
 *
 * <p>A relative target r at position i is changed exactly when the decoder's rule brings it
 * back: for {@code -i <= r < 12000000 - i} to {@code r + i} (which the decoder sees as an
 * absolute target in {@code [0, 12000000)}), for {@code 12000000 - i <= r < 12000000} to
 * {@code r - 12000000} (which it sees as a negative target not below {@code -i}).
 */
final class LzxE8Translator {
    private LzxE8Translator() {
    }

    /** Translates {@code data[0, size)}, a whole chunk, in place. */
    static void apply(byte[] data, int size) {
        if (size <= E8_TAIL) {
            return;
        }
        // A byte loop: next to the matching that follows, the scan costs nothing worth a word trick.
        final int limit = size - E8_TAIL;
        for (int i = 0; i < limit; i++) {
            if (data[i] == (byte) 0xE8) {
                translate(data, i + 1, i);
                i += 4;
            }
        }
    }

    private static void translate(byte[] data, int at, int position) {
        int rel = LittleEndian.getInt(data, at);
        if (rel >= -position && rel < E8_TRANSLATION_SIZE) {
            if (rel < E8_TRANSLATION_SIZE - position) {
                LittleEndian.putInt(data, at, rel + position);
            } else {
                LittleEndian.putInt(data, at, rel - E8_TRANSLATION_SIZE);
            }
        }
    }
}
