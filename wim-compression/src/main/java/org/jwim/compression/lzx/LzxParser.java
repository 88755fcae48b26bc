package org.jwim.compression.lzx;

/** Chooses the blocks and items of one chunk and writes them through an {@link LzxBlockWriter}. */
interface LzxParser {
    /**
     * Parses the preprocessed chunk {@code buf[0, n)} and writes its blocks to {@code out},
     * stopping early once {@code out} has overflowed.
     */
    void parse(byte[] buf, int n, LzxBitOutput out);
}
