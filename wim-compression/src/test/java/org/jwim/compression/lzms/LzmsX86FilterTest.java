package org.jwim.compression.lzms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.jwim.compression.LittleEndian;
import org.junit.jupiter.api.Test;

/**
 * The x86 filter on hand-made data whose result is worked out from the rules (format notes 14.3).
 * The fixtures' x86 chunks check it against wimlib's own filter as well.
 */
class LzmsX86FilterTest {

    private static void put(byte[] d, int at, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            d[at + i] = (byte) bytes[i];
        }
    }

    /**
     * Three E8 calls to one target: the first two only teach the filter that this is code (the
     * second one repeats a target within the window, so the filter's "last x86 position" becomes
     * the second call's end, 10); the third, one byte after it, is translated: 90 + 11 = 101.
     */
    private static byte[] primed(int size) {
        byte[] d = new byte[size];
        put(d, 1, 0xE8, 100, 0, 0, 0);
        put(d, 6, 0xE8, 95, 0, 0, 0);
        put(d, 11, 0xE8, 90, 0, 0, 0);
        return d;
    }

    /** Applying the filter gives {@code expected}, and undoing it gives the original back. */
    private static void assertFilters(byte[] original, byte[] expected) {
        LzmsX86Filter filter = new LzmsX86Filter();
        byte[] filtered = original.clone();
        filter.apply(filtered, 0, filtered.length);
        assertArrayEquals(expected, filtered);
        filter.undo(filtered, 0, filtered.length);
        assertArrayEquals(original, filtered);
    }

    @Test
    void translatesOnceCodeIsRecognisedUpToTheLastPositionScanned() {
        byte[] original = primed(64);
        put(original, 47, 0xE8, 7, 0, 0, 0); // 47 = size - 17, the last opcode position scanned
        byte[] expected = original.clone();
        LittleEndian.putInt(expected, 12, 101);
        LittleEndian.putInt(expected, 48, 7 + 47);
        assertFilters(original, expected);
    }

    @Test
    void leavesTheLastSixteenBytesAlone() {
        byte[] original = primed(64);
        put(original, 48, 0xE8, 7, 0, 0, 0); // size - 16: not scanned
        byte[] expected = original.clone();
        LittleEndian.putInt(expected, 12, 101);
        assertFilters(original, expected);
    }

    @Test
    void handlesEachInstructionForm() {
        byte[] original = primed(128);
        int disp = 0x11223344;
        put(original, 20, 0xFF, 0x15);       // call [rip+d]: translated at 22
        put(original, 30, 0x48, 0x8D, 0x05); // lea rax, [rip+d]: at 33
        put(original, 40, 0x4C, 0x8D, 0x0D); // lea r9, [rip+d] (ModR/M & 7 == 5): at 43
        put(original, 50, 0x48, 0x8B, 0x0D); // mov rcx, [rip+d]: at 53
        put(original, 60, 0xF0, 0x83, 0x05); // lock add [rip+d], imm8: at 63
        put(original, 70, 0xE9);             // jmp: never translated, its 4 bytes skipped...
        put(original, 72, 0xE8);             // ...so this E8 inside them is not an opcode
        put(original, 80, 0x48, 0x8B, 0x15); // mov rdx, [rip+d]: ModR/M 15 is not 05/0D
        put(original, 90, 0x4C, 0x8B, 0x05); // 4C 8B: mov is only taken with 48
        put(original, 100, 0xFF, 0x25);      // jmp [rip+d]: only FF 15 is
        for (int at : new int[] {22, 33, 43, 53, 63, 83, 93, 102}) {
            LittleEndian.putInt(original, at, disp);
        }
        byte[] expected = original.clone();
        LittleEndian.putInt(expected, 12, 101);
        for (int at : new int[] {22, 33, 43, 53, 63}) {
            int opcodeStart = at == 22 ? 20 : at - 3;
            LittleEndian.putInt(expected, at, disp + opcodeStart);
        }
        assertFilters(original, expected);
    }

    @Test
    void filtersAtTheGivenOffsetWithChunkRelativePositions() {
        byte[] original = primed(64);
        byte[] buffer = new byte[64 + 10];
        System.arraycopy(original, 0, buffer, 10, 64);
        new LzmsX86Filter().apply(buffer, 10, 64);
        byte[] alone = original.clone();
        new LzmsX86Filter().apply(alone, 0, 64);
        assertArrayEquals(alone, java.util.Arrays.copyOfRange(buffer, 10, 74));
    }

    @Test
    void forgetsTargetsBetweenChunks() {
        // Calls to one target in an earlier chunk must not count as evidence in the next one.
        LzmsX86Filter filter = new LzmsX86Filter();
        byte[] first = primed(64);
        filter.apply(first, 0, 64);
        byte[] second = new byte[64];
        put(second, 1, 0xE8, 100, 0, 0, 0); // same target as the calls before
        put(second, 6, 0xE8, 0, 0, 0, 0);
        byte[] expected = second.clone();
        filter.apply(second, 0, 64);
        assertArrayEquals(expected, second);
    }

    @Test
    void theDecoderUndoesTheFilterOnWholeChunksAndSkipsSmallOnes() throws Exception {
        byte[] original = primed(64);
        put(original, 47, 0xE8, 7, 0, 0, 0);
        byte[] filtered = original.clone();
        new LzmsX86Filter().apply(filtered, 0, 64);
        byte[] chunk = new LzmsTestEncoder(64).literals(filtered).finish();
        byte[] out = new byte[64];
        new LzmsDecompressor(64).decompress(chunk, 0, chunk.length, out, 0, 64);
        assertArrayEquals(original, out);

        // 17 bytes: no filtering at all, whatever they hold.
        byte[] small = {0, (byte) 0xE8, 1, 0, 0, 0, (byte) 0xE8, 2, 0, 0, 0, (byte) 0xE8, 3, 0, 0, 0, (byte) 0xE8};
        byte[] smallChunk = new LzmsTestEncoder(17).literals(small).finish();
        byte[] smallOut = new byte[17];
        new LzmsDecompressor(17).decompress(smallChunk, 0, smallChunk.length, smallOut, 0, 17);
        assertArrayEquals(small, smallOut);
    }
}
