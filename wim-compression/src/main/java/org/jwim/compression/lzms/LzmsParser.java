package org.jwim.compression.lzms;

/** Chooses the items of a chunk and hands them to an {@link LzmsItemEncoder}. */
interface LzmsParser {
    /** Parses {@code in[0, n)} (already x86-filtered) and encodes every item. */
    void parse(byte[] in, int n, LzmsItemEncoder enc);

    /** Bytes of memory the parser and its match finders hold. */
    long memoryBytes();
}
