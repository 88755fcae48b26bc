package org.jwim.compression.lzms;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * The LZMS x86 filter: before compression, the 32-bit relative displacement of some x86 call,
 * jump-table and RIP-relative instructions is turned into an absolute (chunk-relative) address,
 * which repeats more and so compresses better; after decompression the change is undone.
 *
 * <p>The filter guesses where machine code is. {@code lastX86} is the end of the most recent
 * instruction taken as real code; a displacement is translated only within
 * {@value #MAX_TRANSLATION_OFFSET} bytes after it (half that for E8 calls, which are frequent
 * false positives). An instruction counts as real code when the same 16-bit target was referenced
 * no more than {@value #ID_WINDOW_SIZE} bytes earlier. Chunks of 17 bytes or less are left alone,
 * the first byte is never an opcode, and no opcode is taken in the last 16 bytes. Same results as
 * wimlib's {@code lzms_x86_filter} (format notes 14.3).
 *
 * <p>One instance per thread; it owns the 256 KiB target-usage table.
 */
final class LzmsX86Filter {
    static final int MAX_TRANSLATION_OFFSET = 1023;
    static final int ID_WINDOW_SIZE = 65535;
    /** Chunks of this size or smaller are not filtered. */
    static final int MIN_FILTERED_SIZE = 18;

    /** What the filter does with the instruction whose first two bytes index the table. */
    private static final byte NONE = 0;
    private static final byte CALL = 1;        // E8: call rel32
    private static final byte JUMP = 2;        // E9: jmp rel32, skipped whole, never translated
    private static final byte CALL_RIP = 3;    // FF 15: call [rip + disp32]
    private static final byte LEA = 4;         // 48/4C 8D: lea, if the ModR/M is RIP-relative
    private static final byte MOV = 5;         // 48 8B: mov, if the ModR/M is 05 or 0D
    private static final byte LOCK_ADD = 6;    // F0 83: lock add, if the ModR/M is 05

    /**
     * Kind of instruction by its first two bytes (little-endian index): one lookup tells apart the
     * few positions that matter, so the many bytes that merely look like opcodes (FF, 48 in data
     * and code alike) cost no extra branch.
     */
    private static final byte[] KIND = new byte[1 << 16];

    static {
        for (int b1 = 0; b1 < 256; b1++) {
            KIND[0xE8 | b1 << 8] = CALL;
            KIND[0xE9 | b1 << 8] = JUMP;
        }
        KIND[0xFF | 0x15 << 8] = CALL_RIP;
        KIND[0x48 | 0x8D << 8] = LEA;
        KIND[0x4C | 0x8D << 8] = LEA;
        KIND[0x48 | 0x8B << 8] = MOV;
        KIND[0xF0 | 0x83 << 8] = LOCK_ADD;
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Position of the last instruction that referenced each 16-bit target, plus {@link #bias}.
     * The bias grows from chunk to chunk so that every entry left by an earlier chunk reads as out
     * of the window: the table needs no clearing per chunk.
     */
    private final int[] lastTargetUsage = new int[1 << 16];
    private int bias = ID_WINDOW_SIZE + 1;

    /** Undoes the filter on {@code data[off, off + size)}: what a decoder does. */
    void undo(byte[] data, int off, int size) {
        run(data, off, size, true);
    }

    /** Applies the filter on {@code data[off, off + size)}: what an encoder does. */
    void apply(byte[] data, int off, int size) {
        run(data, off, size, false);
    }

    /**
     * Bytes of {@code v} that may start a translated instruction get their high bit set; the
     * lowest flagged byte is always a real one (a borrow can only flag bytes above a real match).
     */
    private static long opcodeBytes(long v) {
        long ff = ~v;
        long e8 = (v & 0xFEFEFEFEFEFEFEFEL) ^ 0xE8E8E8E8E8E8E8E8L;
        long rex = (v & 0xFBFBFBFBFBFBFBFBL) ^ 0x4848484848484848L;
        long f0 = v ^ 0xF0F0F0F0F0F0F0F0L;
        return (((ff - ONES) & ~ff) | ((e8 - ONES) & ~e8) | ((rex - ONES) & ~rex) | ((f0 - ONES) & ~f0)) & HIGHS;
    }

    private void run(byte[] data, int off, int size, boolean undo) {
        if (size < MIN_FILTERED_SIZE) {
            return;
        }
        final int[] lastUsage = lastTargetUsage;
        if ((long) bias + size + ID_WINDOW_SIZE + 1 > Integer.MAX_VALUE) {
            Arrays.fill(lastUsage, 0);
            bias = ID_WINDOW_SIZE + 1;
        }
        final int chunkBias = bias;
        bias += size + ID_WINDOW_SIZE + 1;
        final byte[] kinds = KIND;
        int lastX86 = -MAX_TRANSLATION_OFFSET - 1;
        // Every candidate starts before size - 16, so the displacement (at most i + 3 + 4) and the
        // two bytes peeked after the opcode stay inside the chunk.
        final int end = off + size - 16;
        int p = off + 1;
        while (true) {
            // Skip eight bytes at a time while none can start an instruction, then one at a time.
            while (p + 8 <= end && opcodeBytes(LittleEndian.getLong(data, p)) == 0) {
                p += 8;
            }
            while (p < end && kinds[LittleEndian.getU16(data, p)] == NONE) {
                p++;
            }
            if (p >= end) {
                return;
            }
            int kind = kinds[LittleEndian.getU16(data, p)];
            int modrm = data[p + 2] & 0xFF;
            int opcodeLen;
            int maxOffset = MAX_TRANSLATION_OFFSET;
            if (kind == CALL) {
                opcodeLen = 1;
                maxOffset >>= 1; // frequent false positives: demand more evidence of code
            } else if (kind == JUMP) {
                p += 5;
                continue;
            } else if (kind == CALL_RIP) {
                opcodeLen = 2;
            } else if (kind == LEA ? (modrm & 0x07) == 0x05
                    : kind == MOV ? (modrm & 0xF7) == 0x05 : modrm == 0x05) {
                opcodeLen = 3;
            } else {
                p++;
                continue;
            }
            int i = p - off;
            int at = p + opcodeLen;
            int target;
            if (undo) {
                if (i - lastX86 <= maxOffset) {
                    LittleEndian.putInt(data, at, LittleEndian.getInt(data, at) - i);
                }
                target = (i + LittleEndian.getU16(data, at)) & 0xFFFF;
            } else {
                target = (i + LittleEndian.getU16(data, at)) & 0xFFFF;
                if (i - lastX86 <= maxOffset) {
                    LittleEndian.putInt(data, at, LittleEndian.getInt(data, at) + i);
                }
            }
            int instructionEnd = i + opcodeLen + 3;
            if (instructionEnd + chunkBias - lastUsage[target] <= ID_WINDOW_SIZE) {
                lastX86 = instructionEnd;
            }
            lastUsage[target] = instructionEnd + chunkBias;
            p = at + 4;
        }
    }
}
