package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.E8_TAIL;
import static org.jwim.compression.lzx.LzxConstants.E8_TRANSLATION_SIZE;

import org.jwim.compression.LittleEndian;

/**
 * Undoes LZX's x86 call translation on a decoded chunk. The encoder replaced the 32-bit
 * relative target after each 0xE8 byte with an absolute one (position in the chunk + relative),
 * within a pretend file of {@link LzxConstants#E8_TRANSLATION_SIZE} bytes; this maps it back.
 * The 4 bytes after a translated E8 are skipped, and no E8 starting in the last 10 bytes is
 * touched.
 *
 * <p>E8 bytes are found 8 at a time with the SWAR zero-byte test on {@code word ^ 0xE8E8...}:
 * its lowest flagged byte is always a real E8 (false flags only sit above a real one).
 */
final class LzxE8Filter {
    private static final long E8S = 0xE8E8E8E8E8E8E8E8L;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private LzxE8Filter() {
    }

    /** Translates back {@code data[off, off + size)}, a whole chunk. */
    static void undo(byte[] data, int off, int size) {
        if (size <= E8_TAIL) {
            return;
        }
        // Calls may start at chunk positions [0, size - 10); the 8-byte loads stay inside the chunk.
        final int limit = off + size - E8_TAIL;
        int i = off;
        while (i < limit) {
            long x = LittleEndian.getLong(data, i) ^ E8S;
            long found = (x - ONES) & ~x & HIGHS;
            if (found == 0) {
                i += 8;
                continue;
            }
            i += Long.numberOfTrailingZeros(found) >>> 3;
            if (i >= limit) {
                break;
            }
            translate(data, i + 1, i - off);
            i += 5;
        }
    }

    private static void translate(byte[] data, int at, int position) {
        int abs = LittleEndian.getInt(data, at);
        if (abs >= 0) {
            if (abs < E8_TRANSLATION_SIZE) {
                LittleEndian.putInt(data, at, abs - position);
            }
        } else if (abs >= -position) {
            LittleEndian.putInt(data, at, abs + E8_TRANSLATION_SIZE);
        }
    }
}
