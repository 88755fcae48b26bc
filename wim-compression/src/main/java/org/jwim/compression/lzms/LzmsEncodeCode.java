package org.jwim.compression.lzms;

import java.util.Arrays;
import org.jwim.compression.huffman.HuffmanCodeBuilder;

/**
 * The encoder's side of one adaptive LZMS Huffman code: the same frequencies, rebuild points and
 * {@link HuffmanCodeBuilder} as the decoder's {@link LzmsAdaptiveCode}, so both hold the same
 * code at every symbol. Parsers read {@link #lens} to price symbols.
 */
final class LzmsEncodeCode {
    final int rebuildInterval;
    final int[] freqs;
    final byte[] lens;
    final int[] codewords;
    private final HuffmanCodeBuilder builder;
    private int numSymbols;
    private int untilRebuild;
    /** The uniform code every chunk starts with, for the last alphabet size seen. */
    private final byte[] initialLens;
    private final int[] initialCodewords;
    private int initialSymbols;

    /**
     * @param maxSymbols      the largest alphabet this code will be reset to
     * @param rebuildInterval symbols between rebuilds
     * @param builder         shared builder (the codes are never rebuilt concurrently)
     */
    LzmsEncodeCode(int maxSymbols, int rebuildInterval, HuffmanCodeBuilder builder) {
        this.rebuildInterval = rebuildInterval;
        this.freqs = new int[maxSymbols];
        this.lens = new byte[maxSymbols];
        this.codewords = new int[maxSymbols];
        this.initialLens = new byte[maxSymbols];
        this.initialCodewords = new int[maxSymbols];
        this.builder = builder;
    }

    /** Starts a chunk: {@code numSymbols} symbols, all with frequency 1. */
    void reset(int numSymbols) {
        this.numSymbols = numSymbols;
        this.untilRebuild = rebuildInterval;
        Arrays.fill(freqs, 0, numSymbols, 1);
        if (initialSymbols != numSymbols) {
            builder.build(numSymbols, freqs, initialLens, initialCodewords);
            initialSymbols = numSymbols;
        }
        System.arraycopy(initialLens, 0, lens, 0, numSymbols);
        System.arraycopy(initialCodewords, 0, codewords, 0, numSymbols);
    }

    /**
     * Counts one use of {@code sym}, after its codeword was written; rebuilds the code when the
     * interval is over.
     *
     * @return whether the code was rebuilt
     */
    boolean count(int sym) {
        freqs[sym]++;
        if (--untilRebuild != 0) {
            return false;
        }
        builder.build(numSymbols, freqs, lens, codewords);
        final int[] f = freqs;
        for (int s = 0, n = numSymbols; s < n; s++) {
            f[s] = (f[s] >>> 1) + 1;
        }
        untilRebuild = rebuildInterval;
        return true;
    }
}
