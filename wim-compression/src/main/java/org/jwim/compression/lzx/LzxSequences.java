package org.jwim.compression.lzx;

/**
 * The items a parser chose for one block, as sequences: a run of literals (read back from the
 * block's data, not stored) followed by a match, the last sequence having no match.
 *
 * <p>Sequence {@code i} is {@code runAndLength[i] = literalRun << 9 | matchLength} (length 0 for
 * the last) and {@code offsetAndSymbol[i] = formattedOffset << 10 | mainSymbol}, the formatted
 * offset being 0-2 for a repeat offset or the real offset + 2. Parsers fill the arrays forward
 * from 0 or, walking a path back, backward from the end.
 */
final class LzxSequences {
    static final int LENGTH_BITS = 9;
    static final int LENGTH_MASK = (1 << LENGTH_BITS) - 1;
    static final int SYMBOL_BITS = 10;
    static final int SYMBOL_MASK = (1 << SYMBOL_BITS) - 1;

    final int[] runAndLength;
    final int[] offsetAndSymbol;

    /** Room for a block of {@code maxBlockSize} bytes: at most one match per 2 bytes, and the last sequence. */
    LzxSequences(int maxBlockSize) {
        int n = maxBlockSize / LzxConstants.MIN_MATCH_LEN + 2;
        this.runAndLength = new int[n];
        this.offsetAndSymbol = new int[n];
    }

    int capacity() {
        return runAndLength.length;
    }
}
