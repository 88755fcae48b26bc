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

    /**
     * Per instruction kind (the index {@link #KIND} gives): the ModR/M byte, masked with
     * {@link #MODRM_MASK}, must equal {@link #MODRM_VALUE} for the displacement to be taken; else
     * the scan moves on by {@link #SKIP} bytes. Then the displacement follows {@link #OPCODE_LEN}
     * bytes in, translated only within {@link #MAX_OFFSET} bytes after the last real code. Tables
     * instead of a branch per kind: each kind is taken in some data only, and a branch the JIT's
     * profile never saw taken is compiled as a trap that throws the compiled method away.
     */
    private static final int NONE = 0;
    private static final int CALL = 1;        // E8: call rel32
    private static final int JUMP = 2;        // E9: jmp rel32, skipped whole, never translated
    private static final int CALL_RIP = 3;    // FF 15: call [rip + disp32]
    private static final int LEA = 4;         // 48/4C 8D: lea, if the ModR/M is RIP-relative
    private static final int MOV = 5;         // 48 8B: mov, if the ModR/M is 05 or 0D
    private static final int LOCK_ADD = 6;    // F0 83: lock add, if the ModR/M is 05
    private static final int[] MODRM_MASK = {0, 0, 0, 0, 0x07, 0xF7, 0xFF};
    private static final int[] MODRM_VALUE = {1, 0, 1, 0, 0x05, 0x05, 0x05};
    private static final int[] SKIP = {1, 1, 5, 1, 1, 1, 1};
    private static final int[] OPCODE_LEN = {0, 1, 0, 2, 3, 3, 3};
    /** E8 calls are frequent false positives: they demand more evidence of code. */
    private static final int[] MAX_OFFSET = {0, MAX_TRANSLATION_OFFSET >> 1, 0, MAX_TRANSLATION_OFFSET,
        MAX_TRANSLATION_OFFSET, MAX_TRANSLATION_OFFSET, MAX_TRANSLATION_OFFSET};

    /**
     * Bytes per call of {@link #runSegment}. A 64 MiB solid chunk is filtered in one call: done
     * in one loop, that loop ran interpreted until an on-stack-replacement compile landed. In
     * segments, the driver loop turns too few times to be compiled at all (it stays interpreted,
     * at one call per segment), so the work that gets compiled is the segment method alone.
     */
    private static final int SEGMENT = 1 << 16;

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
    /** The current chunk's bias, and the end of the last instruction taken as real code. */
    private int chunkBias;
    private int lastX86;

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
        if ((long) bias + size + ID_WINDOW_SIZE + 1 > Integer.MAX_VALUE) {
            Arrays.fill(lastTargetUsage, 0);
            bias = ID_WINDOW_SIZE + 1;
        }
        chunkBias = bias;
        bias += size + ID_WINDOW_SIZE + 1;
        lastX86 = -MAX_TRANSLATION_OFFSET - 1;
        // Every candidate starts before size - 16, so the displacement (at most i + 3 + 4) and the
        // two bytes peeked after the opcode stay inside the chunk.
        final int end = off + size - 16;
        int p = off + 1;
        while (p < end) {
            p = runSegment(data, off, p, Math.min(end, p + SEGMENT), undo);
        }
    }

    /**
     * Filters the instructions that start in {@code [p, stop)}, {@code stop} at most 16 bytes
     * before the chunk end: returns where the scan goes on (an instruction may end past
     * {@code stop}). The last real code's end is kept in {@link #lastX86}.
     */
    private int runSegment(byte[] data, int off, int p, int stop, boolean undo) {
        final byte[] kinds = KIND;
        final int[] lastUsage = lastTargetUsage;
        final int chunkBias = this.chunkBias;
        int lastX86 = this.lastX86;
        while (true) {
            // Skip eight bytes at a time while none can start an instruction, then one at a time.
            while (p + 8 <= stop && opcodeBytes(LittleEndian.getLong(data, p)) == 0) {
                p += 8;
            }
            while (p < stop && kinds[LittleEndian.getU16(data, p)] == NONE) {
                p++;
            }
            if (p >= stop) {
                this.lastX86 = lastX86;
                return p;
            }
            int kind = kinds[LittleEndian.getU16(data, p)];
            if (((data[p + 2] & 0xFF) & MODRM_MASK[kind]) != MODRM_VALUE[kind]) {
                p += SKIP[kind];
                continue;
            }
            int i = p - off;
            int at = p + OPCODE_LEN[kind];
            // All ones when the instruction lies close enough after real code to be translated
            // (computed, not branched on: see the tables above).
            int near = (i - lastX86 - MAX_OFFSET[kind] - 1) >> 31;
            int target;
            if (undo) {
                LittleEndian.putInt(data, at, LittleEndian.getInt(data, at) - (i & near));
                target = (i + LittleEndian.getU16(data, at)) & 0xFFFF;
            } else {
                target = (i + LittleEndian.getU16(data, at)) & 0xFFFF;
                LittleEndian.putInt(data, at, LittleEndian.getInt(data, at) + (i & near));
            }
            int instructionEnd = at - off + 3;
            // The instruction counts as real code when its target was used within the window:
            // stale is all ones when it was not.
            int stale = (ID_WINDOW_SIZE - (instructionEnd + chunkBias - lastUsage[target])) >> 31;
            lastX86 = (instructionEnd & ~stale) | (lastX86 & stale);
            lastUsage[target] = instructionEnd + chunkBias;
            p = at + 4;
        }
    }
}
