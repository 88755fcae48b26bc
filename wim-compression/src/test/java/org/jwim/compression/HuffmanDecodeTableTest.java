package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jwim.compression.huffman.HuffmanDecodeTable;
import org.junit.jupiter.api.Test;

class HuffmanDecodeTableTest {

    /** Decodes {@code code} (MSB-first, {@code len} bits, padded with zeros) with the table. */
    private static int[] decode(HuffmanDecodeTable t, int maxLen, int code, int len) {
        int bits = code << (maxLen - len); // maxLen-bit window
        int tb = t.tableBits();
        int e = t.table[bits >>> (maxLen - tb)];
        int used = 0;
        if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
            used = tb;
            int sub = e & 0x7F;
            int rest = (bits >>> (maxLen - tb - sub)) & ((1 << sub) - 1);
            e = t.table[(e >>> 8) + rest];
        }
        return new int[] {e >>> 8, used + (e & 0xFF)};
    }

    private static void checkCanonical(byte[] lens, int maxLen, int tableBits) {
        HuffmanDecodeTable t = new HuffmanDecodeTable(lens.length, tableBits, maxLen);
        assertTrue(t.build(lens, 0));
        int code = 0;
        for (int len = 1; len <= maxLen; len++) {
            for (int s = 0; s < lens.length; s++) {
                if (lens[s] == len) {
                    int[] r = decode(t, maxLen, code, len);
                    assertEquals(s, r[0], "symbol for code of length " + len);
                    assertEquals(len, r[1], "length for symbol " + s);
                    code++;
                }
            }
            code <<= 1;
        }
    }

    @Test
    void decodesEveryCodewordOfRandomCompleteCodes() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 2 + rnd.nextInt(700);
            int maxLen = 15 + rnd.nextInt(2);
            // Build lengths from random frequencies with a simple length-limited scheme:
            // Kraft-fill from random lengths, then complete the code with the leftover space.
            byte[] lens = new byte[n];
            long space = 1L << maxLen;
            for (int s = 0; s < n; s++) {
                int len = 1 + rnd.nextInt(maxLen);
                while (len <= maxLen && (1L << (maxLen - len)) > space - (n - s - 1)) {
                    len++;
                }
                if (len > maxLen || rnd.nextInt(10) == 0) {
                    continue;
                }
                lens[s] = (byte) len;
                space -= 1L << (maxLen - len);
            }
            checkCanonical(lens, maxLen, 6 + rnd.nextInt(6));
        }
    }

    @Test
    void refusesOverSubscribedCodes() {
        HuffmanDecodeTable t = new HuffmanDecodeTable(3, 4, 15);
        assertFalse(t.build(new byte[] {1, 1, 1}, 0));
        assertFalse(t.build(new byte[] {16, 1, 1}, 0));
    }

    @Test
    void incompleteCodesDecodeTheirCodewordsAndConsumeBitsElsewhere() {
        byte[] lens = {0, 2, 0, 3};
        checkCanonical(lens, 15, 8);
        HuffmanDecodeTable t = new HuffmanDecodeTable(4, 8, 15);
        assertTrue(t.build(new byte[4], 0));
        assertEquals(8, t.table[0] & 0xFF);
    }

    /**
     * Incomplete codes with codewords longer than the first lookup: every bit pattern decodes
     * to the codeword it starts with, or, where none does, to symbol 0 consuming 1 to maxLen
     * bits. Checked on all 2^maxLen patterns.
     */
    @Test
    void incompleteCodesWithSubtablesDecodeEveryPattern() {
        Random rnd = new Random(7);
        for (int round = 0; round < 60; round++) {
            int maxLen = 10 + rnd.nextInt(4);
            int tableBits = 4 + rnd.nextInt(5);
            int n = 3 + rnd.nextInt(60);
            byte[] lens = new byte[n];
            long space = 1L << maxLen;
            for (int s = 0; s < n; s++) {
                int len = 2 + rnd.nextInt(maxLen - 1);
                if ((1L << (maxLen - len)) < space && rnd.nextInt(4) != 0) {
                    lens[s] = (byte) len;
                    space -= 1L << (maxLen - len);
                }
            }
            // Codeword of each symbol, canonical.
            int[] codes = new int[n];
            int code = 0;
            for (int len = 1; len <= maxLen; len++) {
                for (int s = 0; s < n; s++) {
                    if (lens[s] == len) {
                        codes[s] = code++;
                    }
                }
                code <<= 1;
            }
            HuffmanDecodeTable t = new HuffmanDecodeTable(n, tableBits, maxLen);
            assertTrue(t.build(lens, 0));
            for (int bits = 0; bits < 1 << maxLen; bits++) {
                int owner = -1;
                for (int s = 0; s < n; s++) {
                    if (lens[s] != 0 && bits >>> (maxLen - lens[s]) == codes[s]) {
                        owner = s;
                    }
                }
                int[] r = decode(t, maxLen, bits, maxLen);
                if (owner >= 0) {
                    assertEquals(owner, r[0], "symbol of pattern " + bits);
                    assertEquals(lens[owner], r[1], "length of pattern " + bits);
                } else {
                    assertEquals(0, r[0], "unused pattern " + bits);
                    assertTrue(r[1] >= 1 && r[1] <= maxLen, "unused pattern " + bits + " consumes " + r[1]);
                }
            }
        }
    }

    @Test
    void refusesLengthsOutsideTheFormat() {
        HuffmanDecodeTable t = new HuffmanDecodeTable(5, 4, 15);
        assertFalse(t.build(new byte[] {1, 2, 3, 4, -1}, 0));
        assertFalse(t.build(new byte[] {1, 2, 3, 4, 33}, 0));
        assertFalse(t.build(new byte[] {0, 0, 0, 0, 16}, 0));
        assertTrue(t.build(new byte[] {1, 2, 3, 4, 4}, 0));
    }
}
