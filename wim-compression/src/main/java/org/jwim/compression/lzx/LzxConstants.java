package org.jwim.compression.lzx;

/**
 * The numbers of the LZX format as WIM uses it (format notes 14.1), and the offset slot tables.
 */
final class LzxConstants {
    private LzxConstants() {
    }

    static final int BLOCKTYPE_VERBATIM = 1;
    static final int BLOCKTYPE_ALIGNED = 2;
    static final int BLOCKTYPE_UNCOMPRESSED = 3;

    /** Block size meant by a set "default size" bit. */
    static final int DEFAULT_BLOCK_SIZE = 32768;

    static final int MIN_WINDOW_ORDER = 15;
    static final int MAX_WINDOW_ORDER = 21;

    static final int NUM_CHARS = 256;
    /** Length headers per offset slot in the main alphabet: 2+0 .. 2+6, and 7 = "see the length code". */
    static final int NUM_LEN_HEADERS = 8;
    static final int NUM_PRIMARY_LENS = 7;
    static final int MIN_MATCH_LEN = 2;
    static final int MAX_MATCH_LEN = 257;
    static final int LENCODE_NUM_SYMBOLS = 249;
    static final int NUM_RECENT_OFFSETS = 3;
    /** Formatted offsets are the real offset plus this (0..2 being the repeat slots). */
    static final int OFFSET_ADJUSTMENT = 2;

    static final int PRECODE_NUM_SYMBOLS = 20;
    static final int PRECODE_ELEMENT_SIZE = 4;
    static final int ALIGNEDCODE_NUM_SYMBOLS = 8;
    static final int ALIGNEDCODE_ELEMENT_SIZE = 3;
    /** Offset bits the aligned code carries in aligned-offset blocks. */
    static final int NUM_ALIGNED_OFFSET_BITS = 3;

    static final int MAX_MAIN_CODEWORD_LEN = 16;
    static final int MAX_LEN_CODEWORD_LEN = 16;
    static final int MAX_PRE_CODEWORD_LEN = 15;
    static final int MAX_ALIGNED_CODEWORD_LEN = 7;

    /** The "file size" WIM's E8 translation always uses. */
    static final int E8_TRANSLATION_SIZE = 12_000_000;
    /** No call instruction is translated if it starts in the last this many bytes of a chunk. */
    static final int E8_TAIL = 10;

    static final int MAX_OFFSET_SLOTS = 50;

    /** Extra offset bits of each offset slot. */
    static final int[] EXTRA_BITS = new int[MAX_OFFSET_SLOTS];
    /** Smallest formatted offset (real offset + 2) of each offset slot. */
    static final int[] SLOT_BASE = new int[MAX_OFFSET_SLOTS];

    static {
        int base = 0;
        for (int s = 0; s < MAX_OFFSET_SLOTS; s++) {
            EXTRA_BITS[s] = s < 4 ? 0 : Math.min(17, s / 2 - 1);
            SLOT_BASE[s] = base;
            base += 1 << EXTRA_BITS[s];
        }
    }

    /**
     * Log2 of the window a chunk size needs: the next power of two, at least 2^15. Main symbol
     * count depends on it, so every chunk of a resource is decoded with the resource's chunk
     * size, the last (shorter) one too.
     */
    static int windowOrder(int maxChunkSize) {
        if (maxChunkSize < 1 || maxChunkSize > 1 << MAX_WINDOW_ORDER) {
            throw new IllegalArgumentException("LZX chunk size must be 1 to 2 MiB: " + maxChunkSize);
        }
        int order = 32 - Integer.numberOfLeadingZeros(maxChunkSize - 1);
        return Math.max(order, MIN_WINDOW_ORDER);
    }

    /**
     * Offset slots of a window: enough for the largest offset, window size - 3 (a match cannot
     * start at the first byte and copy from the last two), so 2w for w &lt; 20, 42 and 50 above.
     */
    static int numOffsetSlots(int windowOrder) {
        int maxFormatted = (1 << windowOrder) - MIN_MATCH_LEN - 1 + OFFSET_ADJUSTMENT;
        int slots = 0;
        while (slots < MAX_OFFSET_SLOTS && SLOT_BASE[slots] <= maxFormatted) {
            slots++;
        }
        return slots;
    }

    static int numMainSymbols(int windowOrder) {
        return NUM_CHARS + numOffsetSlots(windowOrder) * NUM_LEN_HEADERS;
    }
}
