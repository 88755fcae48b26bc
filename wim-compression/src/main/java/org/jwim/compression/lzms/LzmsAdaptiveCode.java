package org.jwim.compression.lzms;

import java.util.Arrays;
import org.jwim.compression.huffman.HuffmanCodeBuilder;
import org.jwim.compression.huffman.HuffmanDecodeTable;

/**
 * One of the five adaptive Huffman codes of LZMS (literal, LZ offset, length, delta offset, delta
 * power). Every symbol starts with frequency 1; each decoded symbol adds 1 to its frequency; after
 * every {@link #rebuildInterval} symbols the code is rebuilt from the frequencies, which are then
 * halved (plus one, so none reaches 0) to favour recent data.
 *
 * <p>The decoder's hot loop looks symbols up in {@link #table}, counts them in {@link #freqs} and
 * counts down to the next {@link #rebuild} itself: that keeps calls out of the loop.
 */
final class LzmsAdaptiveCode {
    /** LZMS codewords never exceed 15 bits. */
    static final int MAX_CODEWORD_LENGTH = 15;

    final int rebuildInterval;
    final int[] freqs;
    /** The decode table; its array never changes, only its contents. */
    final int[] table;

    private final HuffmanDecodeTable decodeTable;
    private final HuffmanCodeBuilder builder;
    private final byte[] lens;
    private int numSymbols;
    /**
     * Every chunk starts with the uniform code of its alphabet size: its table is kept here, for the
     * last size seen, when it fits in the main table (no subtables to copy).
     */
    private final int[] initialTable;
    private int initialTableSymbols;

    /**
     * @param maxSymbols      the largest alphabet this code will be reset to
     * @param tableBits       bits resolved by the first table lookup
     * @param rebuildInterval symbols between rebuilds
     * @param builder         shared builder (the codes are never rebuilt concurrently)
     */
    LzmsAdaptiveCode(int maxSymbols, int tableBits, int rebuildInterval, HuffmanCodeBuilder builder) {
        this.rebuildInterval = rebuildInterval;
        this.freqs = new int[maxSymbols];
        this.lens = new byte[maxSymbols];
        this.decodeTable = new HuffmanDecodeTable(maxSymbols, tableBits, MAX_CODEWORD_LENGTH);
        this.table = decodeTable.table;
        this.initialTable = new int[1 << decodeTable.tableBits()];
        this.builder = builder;
    }

    /** Starts a chunk: {@code numSymbols} symbols, all with frequency 1. */
    void reset(int numSymbols) {
        this.numSymbols = numSymbols;
        Arrays.fill(freqs, 0, numSymbols, 1);
        if (initialTableSymbols == numSymbols) {
            System.arraycopy(initialTable, 0, table, 0, initialTable.length);
            return;
        }
        // Symbols past numSymbols keep length 0 and never get a codeword.
        Arrays.fill(lens, (byte) 0);
        build();
        int longest = 0;
        for (int s = 0; s < numSymbols; s++) {
            longest = Math.max(longest, lens[s]);
        }
        if (longest <= decodeTable.tableBits()) {
            System.arraycopy(table, 0, initialTable, 0, initialTable.length);
            initialTableSymbols = numSymbols;
        } else {
            initialTableSymbols = 0;
        }
    }

    /** Rebuilds the code from the frequencies and halves them. */
    void rebuild() {
        build();
        final int[] f = freqs;
        for (int s = 0, n = numSymbols; s < n; s++) {
            f[s] = (f[s] >>> 1) + 1;
        }
    }

    private void build() {
        builder.buildLengths(numSymbols, freqs, lens);
        if (!decodeTable.build(lens, 0)) {
            // The builder only makes complete codes within MAX_CODEWORD_LENGTH.
            throw new IllegalStateException("Huffman builder made an invalid code");
        }
    }
}
