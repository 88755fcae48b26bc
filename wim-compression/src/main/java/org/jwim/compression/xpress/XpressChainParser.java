package org.jwim.compression.xpress;

import static org.jwim.compression.xpress.XpressDecompressor.MIN_MATCH_LEN;

import org.jwim.compression.matchfinder.HashChains16;

/**
 * The fast levels' parsers over hash chains, as wimlib's: greedy (take the longest match found)
 * below level 30, lazy (first look for a longer match one byte later, for matches shorter than
 * a given length) from 30.
 *
 * <p>Both pass up length-3 matches at large offsets, whose offset bits make them cost about as
 * much as the three literals they replace. Where wimlib's lazy parser takes the later match
 * whenever it is longer, this one also weighs the offsets: a match one byte longer but much
 * farther is not worth the literal it costs. That gains 0.2% on PE code, which pays for a
 * shallower search than wimlib's at the same level.
 */
final class XpressChainParser implements XpressParser {
    private final HashChains16 finder;
    private final boolean lazy;
    private final int niceLen;
    private final int maxDepth;
    private final int nextDepth;
    private final int lazyLen;
    private int rawLengthBytes;

    /**
     * @param maxDepth  candidates looked at for a match
     * @param nextDepth candidates looked at, when lazy, for a longer match one byte on
     * @param lazyLen   when lazy, a match this long is taken without looking one byte on (at most
     *                  {@code niceLen})
     */
    XpressChainParser(int maxChunkSize, boolean lazy, int niceLen, int maxDepth, int nextDepth, int lazyLen) {
        this.finder = new HashChains16(maxChunkSize);
        this.lazy = lazy;
        this.niceLen = niceLen;
        this.maxDepth = maxDepth;
        this.nextDepth = nextDepth;
        this.lazyLen = Math.min(lazyLen, niceLen);
    }

    @Override
    public int rawLengthBytes() {
        return rawLengthBytes;
    }

    /**
     * The offset from which a length-3 match is not worth taking: its header and offset bits cost
     * about as much as three literals. (wimlib's limits are twice these; these gave 0.1% smaller
     * output on the benchmark corpora.)
     */
    private static int len3TooFar(int len) {
        return len <= 8192 ? 1024 : 2048;
    }

    /**
     * Whether a match {@code longer} bytes longer than the current one, starting a byte later, is
     * worth the literal it costs: each byte gained counts as four offset bits.
     */
    private static boolean worthALiteral(int longer, int nextOffset, int curOffset) {
        return 4 * longer > XpressItems.offsetBits(nextOffset) - XpressItems.offsetBits(curOffset);
    }

    @Override
    public int parse(byte[] in, int off, int len, int[] items, int[] freqs) {
        finder.reset(len);
        return lazy ? parseLazy(in, off, len, items, freqs) : parseGreedy(in, off, len, items, freqs);
    }

    private int parseGreedy(byte[] in, int off, int n, int[] items, int[] freqs) {
        final HashChains16 mf = finder;
        final int tooFar = len3TooFar(n);
        int count = 0;
        int raw = 0;
        int pos = 0;
        while (pos < n) {
            int maxLen = n - pos;
            int len = mf.longestMatch(in, off, pos, MIN_MATCH_LEN - 1, maxLen, niceLen, maxDepth);
            int offset = mf.matchOffset();
            if (len >= MIN_MATCH_LEN && (len > MIN_MATCH_LEN || offset < tooFar)) {
                int adj = len - MIN_MATCH_LEN;
                items[count++] = XpressItems.match(len, offset);
                freqs[XpressItems.matchSymbol(adj, offset)]++;
                raw += XpressItems.rawLengthBytes(adj);
                mf.skip(in, off, pos + 1, len - 1, n);
                pos += len;
            } else {
                int b = in[off + pos] & 0xFF;
                items[count++] = XpressItems.literal(b);
                freqs[b]++;
                pos++;
            }
        }
        rawLengthBytes = raw;
        return count;
    }

    private int parseLazy(byte[] in, int off, int n, int[] items, int[] freqs) {
        final HashChains16 mf = finder;
        final int tooFar = len3TooFar(n);
        final int nextDepth = this.nextDepth;
        int count = 0;
        int raw = 0;
        int pos = 0;
        while (pos < n) {
            int curLen = mf.longestMatch(in, off, pos, MIN_MATCH_LEN - 1, n - pos, niceLen, maxDepth);
            int curOffset = mf.matchOffset();
            pos++;
            if (curLen < MIN_MATCH_LEN || (curLen == MIN_MATCH_LEN && curOffset >= tooFar)) {
                int b = in[off + pos - 1] & 0xFF;
                items[count++] = XpressItems.literal(b);
                freqs[b]++;
                continue;
            }
            // A match at pos - 1: take it unless the next position has a longer one, and then
            // ask the same of that one.
            int skip;
            for (;;) {
                if (curLen >= lazyLen) {
                    // Long enough: the byte a longer match one on could save is worth less than the search.
                    skip = curLen - 1;
                    break;
                }
                int nextLen = mf.longestMatch(in, off, pos, curLen, n - pos, niceLen, nextDepth);
                pos++;
                if (nextLen <= curLen || !worthALiteral(nextLen - curLen, mf.matchOffset(), curOffset)) {
                    skip = curLen - 2;
                    break;
                }
                int b = in[off + pos - 2] & 0xFF;
                items[count++] = XpressItems.literal(b);
                freqs[b]++;
                curLen = nextLen;
                curOffset = mf.matchOffset();
            }
            int adj = curLen - MIN_MATCH_LEN;
            items[count++] = XpressItems.match(curLen, curOffset);
            freqs[XpressItems.matchSymbol(adj, curOffset)]++;
            raw += XpressItems.rawLengthBytes(adj);
            mf.skip(in, off, pos, skip, n);
            pos += skip;
        }
        rawLengthBytes = raw;
        return count;
    }
}
