package org.jwim.compression.lzms;

import static org.jwim.compression.lzms.LzmsDecisions.LZ;
import static org.jwim.compression.lzms.LzmsDecisions.LZ_REP0;
import static org.jwim.compression.lzms.LzmsDecisions.LZ_REP1;
import static org.jwim.compression.lzms.LzmsDecisions.MAIN;
import static org.jwim.compression.lzms.LzmsDecisions.MATCH;

import org.jwim.compression.LittleEndian;

/**
 * Lazy parsing for the fast levels: at each position the best of the longest hash-chain match
 * and the three repeat offsets, unless the position after it offers a better one, in which case
 * a literal goes first.
 *
 * <p>"Best" is the most bits saved against coding the same bytes as literals, priced with the
 * encoder's current adaptive state, so a short match far back loses to literals and a repeat
 * offset wins over a slightly longer explicit one. No delta matches (wimlib uses them only from
 * level 35 either).
 */
final class LzmsLazyParser implements LzmsParser {
    private static final int NUM_REPS = 3;

    private final int nice;
    private final int depth;
    private final LzmsHashChains chains;
    private final int[] lzQueue = new int[4];

    // The candidate find() last chose: length (0 for none), repeat index as queue entry (or -1
    // for an explicit offset), offset, and gain in 1/64 bits.
    private int foundLen;
    private int foundRep;
    private int foundOffset;
    private int foundGain;

    LzmsLazyParser(int maxChunkSize, int nice, int depth) {
        this.nice = Math.max(3, Math.min(nice, LzmsSlotLookup.MAX_FAST_LENGTH));
        this.depth = depth;
        this.chains = new LzmsHashChains(maxChunkSize);
    }

    @Override
    public long memoryBytes() {
        return chains.memoryBytes();
    }

    @Override
    public void parse(byte[] in, int n, LzmsItemEncoder enc) {
        chains.reset(n);
        for (int i = 0; i < 4; i++) {
            lzQueue[i] = i + 1;
        }
        int p = 0;
        boolean afterLz = false;
        find(in, n, p, afterLz, enc);
        while (p < n) {
            if (foundLen == 0) {
                enc.literal(in[p] & 0xFF);
                afterLz = false;
                p++;
                find(in, n, p, false, enc);
                continue;
            }
            int len = foundLen;
            int rep = foundRep;
            int offset = foundOffset;
            if (len < nice && p + 1 < n) {
                int gain = foundGain;
                // What if a literal came first? (The repeat indexes there assume one did.)
                find(in, n, p + 1, false, enc);
                if (foundLen > 0 && foundGain - enc.literalCost(enc.states, in[p] & 0xFF) > gain) {
                    enc.literal(in[p] & 0xFF);
                    afterLz = false;
                    p++;
                    continue;
                }
                skip(in, n, p + 2, p + len);
            } else {
                skip(in, n, p + 1, p + len);
            }
            if (rep < 0) {
                enc.lzMatch(offset, len);
                pushFront(offset);
            } else {
                enc.lzRepeat(rep - (afterLz ? 1 : 0), len);
                moveToFront(rep);
            }
            afterLz = true;
            p += len;
            find(in, n, p, true, enc);
        }
    }

    /** Inserts positions {@code from} to {@code to - 1} into the chains. */
    private void skip(byte[] in, int n, int from, int to) {
        int stop = Math.min(to, n - LzmsHashChains.MIN_REMAINING + 1);
        for (int i = from; i < stop; i++) {
            chains.insert(in, i);
        }
    }

    /**
     * Finds the best match at {@code p} (inserting it into the chains) and leaves it in the
     * {@code found} fields.
     */
    private void find(byte[] in, int n, int p, boolean afterLz, LzmsItemEncoder enc) {
        foundLen = 0;
        foundGain = 0;
        int remaining = n - p;
        if (remaining < 2) {
            return;
        }
        final long st = enc.states;
        final long[] probs = enc.probs;
        final byte[] litLens = enc.literalCode.lens;
        final int matchBits = LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, MAIN)])
                + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, MATCH)]);

        // Repeat offsets.
        int skip = afterLz ? 1 : 0;
        int seq = LittleEndian.getU16(in, p);
        for (int rep = 0; rep < NUM_REPS; rep++) {
            int offset = lzQueue[rep + skip];
            if (offset > p || LittleEndian.getU16(in, p - offset) != seq) {
                continue;
            }
            int len = LzmsBinaryTrees.extend(in, p, p - offset, 2, Math.min(nice, remaining));
            if (len >= nice) {
                // Long enough to take at once: then as long as it goes.
                len = LzmsBinaryTrees.extend(in, p, p - offset, len, remaining);
            }
            int c = matchBits + LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, LZ)]) + enc.lengthCostOf(len);
            if (rep == 0) {
                c += LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, LZ_REP0)]);
            } else {
                c += LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, LZ_REP0)])
                        + LzmsDecisions.cost(probs[LzmsDecisions.entry(st, LZ_REP1)], rep - 1);
            }
            consider(in, p, len, rep + skip, offset, c, litLens);
        }

        // The longest explicit match.
        if (remaining >= LzmsHashChains.MIN_REMAINING) {
            int len = chains.longest(in, p, remaining, nice, depth);
            if (len > 0) {
                int offset = chains.matchOffset();
                if (len >= nice) {
                    len = LzmsBinaryTrees.extend(in, p, p - offset, len, remaining);
                }
                int c = matchBits + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, LZ)])
                        + enc.lzOffsetCost(offset) + enc.lengthCostOf(len);
                consider(in, p, len, -1, offset, c, litLens);
            }
        }
    }

    private void consider(byte[] in, int p, int len, int rep, int offset, int cost, byte[] litLens) {
        int literals = 0;
        for (int i = 0; i < len; i++) {
            literals += litLens[in[p + i] & 0xFF];
        }
        int gain = (literals << LzmsDecisions.COST_SHIFT) - cost;
        if (gain > foundGain) {
            foundGain = gain;
            foundLen = len;
            foundRep = rep;
            foundOffset = offset;
        }
    }

    private void pushFront(int offset) {
        lzQueue[3] = lzQueue[2];
        lzQueue[2] = lzQueue[1];
        lzQueue[1] = lzQueue[0];
        lzQueue[0] = offset;
    }

    private void moveToFront(int index) {
        int v = lzQueue[index];
        for (int i = index; i > 0; i--) {
            lzQueue[i] = lzQueue[i - 1];
        }
        lzQueue[0] = v;
    }
}
