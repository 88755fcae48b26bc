package org.jwim.compression.xpress;

/** Chooses the literals and matches of a chunk: one strategy of the compression levels. */
interface XpressParser {
    /**
     * Parses {@code in[off, off + len)} into {@code items} (see {@link XpressItems}) and adds
     * each item's symbol to {@code freqs} (which the caller cleared).
     *
     * @return the number of items
     */
    int parse(byte[] in, int off, int len, int[] items, int[] freqs);

    /** The raw length bytes the items of the last parse need. */
    int rawLengthBytes();
}
