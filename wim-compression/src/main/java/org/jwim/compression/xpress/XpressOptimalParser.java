package org.jwim.compression.xpress;

import static org.jwim.compression.xpress.XpressDecompressor.MAX_CODEWORD_LEN;
import static org.jwim.compression.xpress.XpressDecompressor.MIN_MATCH_LEN;
import static org.jwim.compression.xpress.XpressDecompressor.NUM_CHARS;
import static org.jwim.compression.xpress.XpressDecompressor.NUM_SYMBOLS;

import java.util.Arrays;
import org.jwim.compression.huffman.HuffmanCodeBuilder;
import org.jwim.compression.matchfinder.BinaryTrees16;

/**
 * The high levels' parser, as wimlib's: the cheapest path through the graph of literal and match
 * choices, with symbol costs taken from a Huffman code.
 *
 * <p>First the binary-tree match finder runs over the whole chunk once and its matches are
 * cached. Then each pass walks the chunk backwards computing, for every position, the least
 * number of bits to code the rest, trying the literal and every length of every cached match
 * (each length with the nearest offset that reaches it). The first pass prices every symbol at 9
 * bits; each further pass prices symbols by the code the previous pass's choices would get.
 *
 * <p>After a match of the nice length, the positions it covers are inserted without caching
 * their matches: a long match means redundant data, where the choice matters little and the
 * match lists would be long.
 */
final class XpressOptimalParser implements XpressParser {
    /** Cache room per position, as wimlib reserves; the search stops where the cache is full. */
    private static final int CACHE_PAIRS_PER_POS = 8;
    /** What the first pass assumes each symbol costs: every symbol equally likely. */
    private static final int DEFAULT_SYMBOL_COST = 9;
    /** Adjusted lengths from here code their header as 15 and a raw byte. */
    private static final int LONG_ADJ = XpressItems.LEN_HDR_MAX;
    private static final int RAW_BYTE_BITS = 8;
    private static final int RAW_U16_BITS = 16;

    private final BinaryTrees16 finder;
    private final HuffmanCodeBuilder codeBuilder;
    private final int niceLen;
    private final int maxDepth;
    private final int passes;
    /**
     * The matches of each position, (length, offset) pairs, followed by a (count, literal byte)
     * pair, so that a backward walk meets each position's count first.
     */
    private final int[] cache;
    private final int cacheLimit;
    /** Bits to code the chunk from each position on, on the best path. */
    private final int[] costToEnd;
    /** The best first item from each position: 1 for a literal, else offset << 16 | length. */
    private final int[] choice;
    private final int[] symbolCost = new int[NUM_SYMBOLS];
    private final int[] passFreqs = new int[NUM_SYMBOLS];
    private final byte[] passLens = new byte[NUM_SYMBOLS];
    private int rawLengthBytes;

    XpressOptimalParser(int maxChunkSize, int niceLen, int maxDepth, int passes, HuffmanCodeBuilder codeBuilder) {
        this.finder = new BinaryTrees16(maxChunkSize);
        this.codeBuilder = codeBuilder;
        this.niceLen = Math.max(niceLen, MIN_MATCH_LEN);
        this.maxDepth = maxDepth;
        this.passes = Math.max(1, passes);
        this.cacheLimit = 2 * CACHE_PAIRS_PER_POS * maxChunkSize;
        // Past the limit: one more position's matches (fewer than niceLen pairs) and every
        // position's count pair.
        this.cache = new int[cacheLimit + 2 * (this.niceLen + 1) + 2 * maxChunkSize];
        this.costToEnd = new int[maxChunkSize + 1];
        this.choice = new int[maxChunkSize + 1];
    }

    @Override
    public int rawLengthBytes() {
        return rawLengthBytes;
    }

    @Override
    public int parse(byte[] in, int off, int len, int[] items, int[] freqs) {
        int cacheEnd = findMatches(in, off, len);
        Arrays.fill(symbolCost, DEFAULT_SYMBOL_COST);
        for (int pass = 1; pass < passes; pass++) {
            findCheapestPath(len, cacheEnd);
            Arrays.fill(passFreqs, 0);
            emitItems(in, off, len, null, passFreqs);
            passFreqs[XpressItems.END_OF_DATA]++;
            codeBuilder.buildLengths(NUM_SYMBOLS, passFreqs, passLens);
            for (int s = 0; s < NUM_SYMBOLS; s++) {
                // A symbol the last path did not use may still be worth using: price it as the
                // longest codeword.
                symbolCost[s] = passLens[s] != 0 ? passLens[s] : MAX_CODEWORD_LEN;
            }
        }
        findCheapestPath(len, cacheEnd);
        return emitItems(in, off, len, items, freqs);
    }

    /** Runs the match finder over the chunk, filling {@link #cache}; returns the cache's end. */
    private int findMatches(byte[] in, int off, int n) {
        final BinaryTrees16 mf = finder;
        final int[] cache = this.cache;
        mf.reset();
        int at = 0;
        int pos = 0;
        while (pos < n - BinaryTrees16.MIN_REMAINING + 1 && at < cacheLimit) {
            int maxLen = n - pos;
            int nice = Math.min(niceLen, maxLen);
            int first = at;
            at = mf.getMatches(in, off, pos, maxLen, nice, maxDepth, cache, at);
            int count = (at - first) >>> 1;
            int bestLen = count == 0 ? 0 : cache[at - 2];
            cache[at++] = count;
            cache[at++] = in[off + pos] & 0xFF;
            pos++;
            if (bestLen >= nice) {
                for (int end = Math.min(n, pos + bestLen - 1); pos < end; pos++) {
                    int left = n - pos;
                    if (left >= BinaryTrees16.MIN_REMAINING) {
                        mf.skip(in, off, pos, left, Math.min(niceLen, left), maxDepth);
                    }
                    cache[at++] = 0;
                    cache[at++] = in[off + pos] & 0xFF;
                }
            }
        }
        for (; pos < n; pos++) {
            cache[at++] = 0;
            cache[at++] = in[off + pos] & 0xFF;
        }
        return at;
    }

    /** Fills {@link #costToEnd} and {@link #choice} backwards under {@link #symbolCost}. */
    private void findCheapestPath(int n, int cacheEnd) {
        final int[] cache = this.cache;
        final int[] cost = this.symbolCost;
        final int[] toEnd = this.costToEnd;
        final int[] choice = this.choice;
        int at = cacheEnd;
        toEnd[n] = 0;
        for (int pos = n - 1; pos >= 0; pos--) {
            at -= 2;
            final int count = cache[at];
            int best = cost[cache[at + 1]] + toEnd[pos + 1];
            int bestItem = 1;
            if (count != 0) {
                final int first = at - 2 * count;
                int len = MIN_MATCH_LEN;
                for (int i = first; i < at; i += 2) {
                    final int matchLen = cache[i];
                    final int offset = cache[i + 1];
                    final int k = XpressItems.offsetBits(offset);
                    final int headers = NUM_CHARS + (k << 4);
                    // Lengths short enough for the length header alone.
                    final int shortEnd = Math.min(matchLen, MIN_MATCH_LEN + LONG_ADJ - 1);
                    for (; len <= shortEnd; len++) {
                        int c = k + cost[headers + len - MIN_MATCH_LEN] + toEnd[pos + len];
                        if (c < best) {
                            best = c;
                            bestItem = offset << 16 | len;
                        }
                    }
                    // Longer ones: header 15 and one raw byte, or three.
                    if (len <= matchLen) {
                        final int headerCost = k + cost[headers + LONG_ADJ] + RAW_BYTE_BITS;
                        for (; len <= matchLen; len++) {
                            int c = headerCost + toEnd[pos + len];
                            if (len - MIN_MATCH_LEN >= XpressItems.ADJUSTED_LEN_U16) {
                                c += RAW_U16_BITS;
                            }
                            if (c < best) {
                                best = c;
                                bestItem = offset << 16 | len;
                            }
                        }
                    }
                }
                at = first;
            }
            toEnd[pos] = best;
            choice[pos] = bestItem;
        }
    }

    /**
     * Follows the best path from the start, counting its symbols in {@code freqs} and, if
     * {@code items} is not null, storing its items; returns their number.
     */
    private int emitItems(byte[] in, int off, int n, int[] items, int[] freqs) {
        final int[] choice = this.choice;
        int count = 0;
        int raw = 0;
        int pos = 0;
        while (pos < n) {
            int c = choice[pos];
            int len = c & 0xFFFF;
            int item;
            if (len == 1) {
                int b = in[off + pos] & 0xFF;
                freqs[b]++;
                item = XpressItems.literal(b);
            } else {
                int offset = c >>> 16;
                int adj = len - MIN_MATCH_LEN;
                freqs[XpressItems.matchSymbol(adj, offset)]++;
                raw += XpressItems.rawLengthBytes(adj);
                item = XpressItems.match(len, offset);
            }
            if (items != null) {
                items[count] = item;
            }
            count++;
            pos += len;
        }
        rawLengthBytes = raw;
        return count;
    }
}
