package org.jwim.compression.lzx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only LZX writer for crafting chunks item by item: literals, matches with explicit offsets,
 * repeat-offset matches, and uncompressed blocks, with the block size field and code lengths
 * under the test's control. It does no E8 preprocessing and no match finding, and builds simple
 * complete Huffman codes over the symbols each block uses.
 */
final class LzxTestEncoder {
    /** One thing a block holds. */
    record Item(int literal, int length, int offset, int repeat) {
        static Item lit(int b) {
            return new Item(b & 0xFF, 0, 0, -1);
        }

        /** A match with an explicit offset (1 or more). */
        static Item match(int length, int offset) {
            return new Item(-1, length, offset, -1);
        }

        /** A match using recent offset R0, R1 or R2. */
        static Item repeat(int length, int which) {
            return new Item(-1, length, 0, which);
        }

        int outputLength() {
            return literal >= 0 ? 1 : length;
        }
    }

    static List<Item> literals(byte[] bytes) {
        List<Item> l = new ArrayList<>();
        for (byte b : bytes) {
            l.add(Item.lit(b));
        }
        return l;
    }

    private final int windowOrder;
    private final int numMainSymbols;
    private final LzxBitWriter w = new LzxBitWriter();
    private final byte[] mainLens;
    private final byte[] lengthLens = new byte[LzxConstants.LENCODE_NUM_SYMBOLS];
    /** Whether a block header written so far used the default-size bit. */
    boolean usedDefaultSizeBit;
    /** Code lengths written as deltas against a nonzero previous length. */
    int deltasAgainstNonzero;
    /** Whether the last uncompressed block started on a word boundary. */
    boolean lastUncompressedWasAligned;

    LzxTestEncoder(int chunkSize) {
        this.windowOrder = LzxConstants.windowOrder(chunkSize);
        this.numMainSymbols = LzxConstants.numMainSymbols(windowOrder);
        this.mainLens = new byte[numMainSymbols];
    }

    long bitCount() {
        return w.bitCount();
    }

    byte[] finish() {
        return w.toByteArray();
    }

    /** Writes a block type and size, with {@code size} possibly a lie. */
    LzxTestEncoder header(int type, int size, boolean defaultBit) {
        w.bits(type, 3);
        if (defaultBit) {
            w.bits(1, 1);
            usedDefaultSizeBit = true;
        } else {
            w.bits(0, 1);
            if (windowOrder >= 16) {
                w.bits(size >>> 8, 16);
                w.bits(size & 0xFF, 8);
            } else {
                w.bits(size, 16);
            }
        }
        return this;
    }

    LzxTestEncoder uncompressed(byte[] data, int r0, int r1, int r2) {
        header(LzxConstants.BLOCKTYPE_UNCOMPRESSED, data.length, false);
        return uncompressedBody(data, r0, r1, r2);
    }

    LzxTestEncoder uncompressedBody(byte[] data, int r0, int r1, int r2) {
        lastUncompressedWasAligned = w.padForUncompressed();
        w.u32(r0).u32(r1).u32(r2);
        w.bytes(data, 0, data.length);
        if ((data.length & 1) != 0) {
            w.bytes(new byte[1], 0, 1);
        }
        return this;
    }

    LzxTestEncoder verbatim(List<Item> items) {
        return block(LzxConstants.BLOCKTYPE_VERBATIM, items, -1, false);
    }

    LzxTestEncoder aligned(List<Item> items) {
        return block(LzxConstants.BLOCKTYPE_ALIGNED, items, -1, false);
    }

    /**
     * A verbatim or aligned block of {@code items}; {@code sizeField} replaces the true size
     * when not -1, {@code defaultBit} writes the one-bit 32768 form.
     */
    LzxTestEncoder block(int type, List<Item> items, int sizeField, boolean defaultBit) {
        boolean aligned = type == LzxConstants.BLOCKTYPE_ALIGNED;
        int size = 0;
        int[] mainFreq = new int[numMainSymbols];
        int[] lenFreq = new int[LzxConstants.LENCODE_NUM_SYMBOLS];
        int[] alignedFreq = new int[8];
        for (Item it : items) {
            size += it.outputLength();
            if (it.literal >= 0) {
                mainFreq[it.literal]++;
                continue;
            }
            Match m = describe(it);
            mainFreq[m.mainSymbol]++;
            if (m.lengthSymbol >= 0) {
                lenFreq[m.lengthSymbol]++;
            }
            if (aligned && m.extraBits >= 3) {
                alignedFreq[m.extraValue & 7]++;
            }
        }
        header(type, sizeField >= 0 ? sizeField : size, defaultBit);
        byte[] alignedLens = null;
        if (aligned) {
            alignedLens = codeLengths(alignedFreq);
            for (byte l : alignedLens) {
                w.bits(l, 3);
            }
        }
        byte[] newMain = codeLengths(mainFreq);
        writeLengths(newMain, mainLens, 0, LzxConstants.NUM_CHARS);
        writeLengths(newMain, mainLens, LzxConstants.NUM_CHARS, numMainSymbols - LzxConstants.NUM_CHARS);
        byte[] newLen = codeLengths(lenFreq);
        writeLengths(newLen, lengthLens, 0, LzxConstants.LENCODE_NUM_SYMBOLS);
        int[] mainCodes = canonical(mainLens);
        int[] lenCodes = canonical(lengthLens);
        int[] alignedCodes = aligned ? canonical(alignedLens) : null;
        for (Item it : items) {
            if (it.literal >= 0) {
                w.bits(mainCodes[it.literal], mainLens[it.literal]);
                continue;
            }
            Match m = describe(it);
            w.bits(mainCodes[m.mainSymbol], mainLens[m.mainSymbol]);
            if (m.lengthSymbol >= 0) {
                w.bits(lenCodes[m.lengthSymbol], lengthLens[m.lengthSymbol]);
            }
            if (aligned && m.extraBits >= 3) {
                w.bits(m.extraValue >>> 3, m.extraBits - 3);
                int a = m.extraValue & 7;
                w.bits(alignedCodes[a], alignedLens[a]);
            } else if (m.extraBits > 0) {
                w.bits(m.extraValue, m.extraBits);
            }
        }
        return this;
    }

    private record Match(int mainSymbol, int lengthSymbol, int extraBits, int extraValue) {
    }

    private Match describe(Item it) {
        if (it.length < 2 || it.length > 257) {
            throw new IllegalArgumentException("length " + it.length);
        }
        int header = Math.min(it.length - 2, 7);
        int lengthSymbol = header == 7 ? it.length - 9 : -1;
        int slot;
        int extraBits = 0;
        int extraValue = 0;
        if (it.repeat >= 0) {
            slot = it.repeat;
        } else {
            int formatted = it.offset + LzxConstants.OFFSET_ADJUSTMENT;
            slot = LzxConstants.MAX_OFFSET_SLOTS - 1;
            while (LzxConstants.SLOT_BASE[slot] > formatted) {
                slot--;
            }
            extraBits = LzxConstants.EXTRA_BITS[slot];
            extraValue = formatted - LzxConstants.SLOT_BASE[slot];
        }
        int sym = LzxConstants.NUM_CHARS + slot * 8 + header;
        if (sym >= numMainSymbols) {
            throw new IllegalArgumentException("offset " + it.offset + " needs a larger window");
        }
        return new Match(sym, lengthSymbol, extraBits, extraValue);
    }

    /**
     * Complete code lengths over the used symbols: k symbols get lengths ceil(log2 k) and one
     * less; a lone symbol gets a partner. None used: all zero.
     */
    static byte[] codeLengths(int[] freq) {
        List<Integer> used = new ArrayList<>();
        for (int s = 0; s < freq.length; s++) {
            if (freq[s] > 0) {
                used.add(s);
            }
        }
        byte[] lens = new byte[freq.length];
        if (used.isEmpty()) {
            return lens;
        }
        if (used.size() == 1) {
            used.add(used.get(0) == 0 ? 1 : 0);
            used.sort(null);
        }
        int k = used.size();
        int bits = 32 - Integer.numberOfLeadingZeros(k - 1);
        int shorter = (1 << bits) - k;
        for (int i = 0; i < k; i++) {
            lens[used.get(i)] = (byte) (i < shorter ? bits - 1 : bits);
        }
        return lens;
    }

    /** Canonical codewords (MSB-first) for the lengths. */
    static int[] canonical(byte[] lens) {
        int[] codes = new int[lens.length];
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            for (int s = 0; s < lens.length; s++) {
                if (lens[s] == len) {
                    codes[s] = code++;
                }
            }
            code <<= 1;
        }
        return codes;
    }

    /**
     * Writes {@code fresh[from, from + count)} pretree-coded against {@code current} (the previous
     * lengths, updated here): deltas, zero runs (17, 18) and runs of equal lengths (19).
     */
    private void writeLengths(byte[] fresh, byte[] current, int from, int count) {
        List<int[]> ops = new ArrayList<>(); // {presym, extraBits, extraValue, deltaPresym or -1}
        int i = from;
        int end = from + count;
        while (i < end) {
            int run = 1;
            while (i + run < end && fresh[i + run] == fresh[i]) {
                run++;
            }
            if (fresh[i] == 0 && run >= 20) {
                int n = Math.min(run, 51);
                ops.add(new int[] {18, 5, n - 20, -1});
                i += n;
            } else if (fresh[i] == 0 && run >= 4) {
                int n = Math.min(run, 19);
                ops.add(new int[] {17, 4, n - 4, -1});
                i += n;
            } else if (run >= 4) {
                int n = Math.min(run, 5);
                ops.add(new int[] {19, 1, n - 4, delta(current[i], fresh[i])});
                countDelta(current[i]);
                i += n;
            } else {
                ops.add(new int[] {delta(current[i], fresh[i]), 0, 0, -1});
                countDelta(current[i]);
                i++;
            }
        }
        int[] freq = new int[LzxConstants.PRECODE_NUM_SYMBOLS];
        for (int[] op : ops) {
            freq[op[0]]++;
            if (op[3] >= 0) {
                freq[op[3]]++;
            }
        }
        byte[] preLens = codeLengths(freq);
        int[] preCodes = canonical(preLens);
        for (byte l : preLens) {
            w.bits(l, 4);
        }
        for (int[] op : ops) {
            w.bits(preCodes[op[0]], preLens[op[0]]);
            if (op[1] > 0) {
                w.bits(op[2], op[1]);
            }
            if (op[3] >= 0) {
                w.bits(preCodes[op[3]], preLens[op[3]]);
            }
        }
        System.arraycopy(fresh, from, current, from, count);
    }

    private void countDelta(byte old) {
        if (old != 0) {
            deltasAgainstNonzero++;
        }
    }

    private static int delta(int old, int fresh) {
        return Math.floorMod(old - fresh, 17);
    }

    /** The bytes the items stand for, starting from {@code history} (no E8 translation). */
    static byte[] expand(byte[] history, List<Item> items, int[] recent) {
        byte[] out = Arrays.copyOf(history, history.length + items.stream().mapToInt(Item::outputLength).sum());
        int op = history.length;
        for (Item it : items) {
            if (it.literal >= 0) {
                out[op++] = (byte) it.literal;
                continue;
            }
            int offset;
            if (it.repeat >= 0) {
                offset = recent[it.repeat];
                recent[it.repeat] = recent[0];
                recent[0] = offset;
            } else {
                offset = it.offset;
                recent[2] = recent[1];
                recent[1] = recent[0];
                recent[0] = offset;
            }
            for (int k = 0; k < it.length; k++, op++) {
                out[op] = out[op - offset];
            }
        }
        return out;
    }
}
