package org.jwim.compression.lzms;

import static org.jwim.compression.lzms.LzmsDecisions.DELTA;
import static org.jwim.compression.lzms.LzmsDecisions.DELTA_REP0;
import static org.jwim.compression.lzms.LzmsDecisions.DELTA_REP1;
import static org.jwim.compression.lzms.LzmsDecisions.LZ;
import static org.jwim.compression.lzms.LzmsDecisions.LZ_REP0;
import static org.jwim.compression.lzms.LzmsDecisions.LZ_REP1;
import static org.jwim.compression.lzms.LzmsDecisions.MAIN;
import static org.jwim.compression.lzms.LzmsDecisions.MATCH;

import org.jwim.compression.LittleEndian;

/**
 * Near-optimal parsing for the default and high levels, the way wimlib's LZMS compressor parses:
 * a minimum-cost path search over the positions of the chunk, each edge a literal or a match
 * priced with the encoder's current adaptive state.
 *
 * <p>Positions are visited in order; from each, every literal and match that starts there
 * (repeat and explicit LZ matches, repeat and explicit delta matches) relaxes the cost of the
 * position it reaches. When a position is visited its cheapest arrival is final, and the
 * decision states and repeat queues along that arrival are kept with it, so later prices use the
 * states and repeat offsets of the path actually taken. Probability entries and Huffman codes
 * are not tracked per position: they are the encoder's, updated each time a piece of the path is
 * encoded, which happens whenever no arrival reaches past the current position (all paths meet
 * there), after {@value #NUM_NODES} positions at most, and before a match of at least the
 * nice length, which is taken at once. Some arrivals are two or three items at a time (a match,
 * a literal, then the first match's offset again), which a one-item-at-a-time search would miss
 * because the middle literal looks expensive on its own.
 *
 * <p>This is one pass with adaptive prices rather than several passes with a fixed cost model:
 * LZMS codes adapt as they go, so the current state is the best price list there is.
 */
final class LzmsNearOptimalParser implements LzmsParser {
    /** Positions searched before the items found are encoded, at most. */
    static final int NUM_NODES = 2048;
    private static final int INFINITE = Integer.MAX_VALUE;
    private static final int NUM_REPS = 3;

    /** Item sources: the kind in the top two bits (literals are the items of length 1). */
    private static final int LZ_EXPLICIT = 0;
    private static final int LZ_REPEAT = 1 << 30;
    private static final int DELTA_EXPLICIT = 2 << 30;
    private static final int DELTA_REPEAT = 3 << 30;
    private static final int VALUE_MASK = (1 << 30) - 1;
    private static final int RAW_BITS = 27;
    /**
     * Flag on an arrival's item length: a literal came before the item (its byte in
     * {@link #prevSrc}), and before that maybe a match ({@link #firstLen}, 0 for none).
     */
    private static final int AFTER_LITERAL = 1 << 16;
    private static final int LENGTH_MASK = AFTER_LITERAL - 1;

    private final int nice;
    private final int depth;
    private final boolean useDelta;
    private final boolean deltaAllLengths;
    private final boolean deltaRepAllLengths;
    private final boolean tryMatchLitRep0;
    private final boolean tryLitRep0;
    private final boolean tryRepLitRep0;
    private final LzmsBinaryTrees trees;
    private final LzmsDeltaMatchFinder deltaFinder;

    // Per position of the current piece: cost of the cheapest arrival, its last item (the length
    // flagged AFTER_LITERAL when a literal and maybe a match came before it in the same arrival),
    // those items, and once final the decision states and queues.
    private final int[] cost;
    private final int[] itemLen;
    private final int[] itemSrc;
    private final int[] prevSrc;
    private final int[] firstLen;
    private final int[] firstSrc;
    private final long[] states;
    /** Four LZ offsets per position, as the decoder's queue (front first). */
    private final int[] lzQueue;
    /** Four delta (power, raw offset) pairs per position, {@code power << 27 | raw}. */
    private final int[] deltaQueue;

    private final int[] matches;
    private final int[] deltaLens = new int[LzmsDeltaMatchFinder.NUM_POWERS];
    private final int[] deltaRaws = new int[LzmsDeltaMatchFinder.NUM_POWERS];
    private final int[] stackLen = new int[NUM_NODES + 4];
    private final int[] stackSrc = new int[NUM_NODES + 4];

    /**
     * @param nice   matches this long are taken at once (at most {@link LzmsSlotLookup#MAX_FAST_LENGTH})
     * @param depth  binary tree nodes looked at per position
     * @param level  wimlib's level, which turns on delta matches (35) and the multi-item arrivals
     *               (45 and 60) as in wimlib
     * @param deltaInterval  positions between lookups of explicit delta matches (a power of two)
     * @param deltaAllLengths whether explicit delta matches are priced at every length rather
     *               than their full length only
     * @param deltaRepAllLengths the same for repeat delta matches
     */
    LzmsNearOptimalParser(int maxChunkSize, int nice, int depth, int level, int deltaInterval,
            boolean deltaAllLengths, boolean deltaRepAllLengths) {
        this.nice = Math.max(3, Math.min(nice, LzmsSlotLookup.MAX_FAST_LENGTH));
        this.depth = depth;
        this.useDelta = level >= 35;
        this.tryMatchLitRep0 = level >= 45;
        this.tryLitRep0 = level >= 60;
        this.tryRepLitRep0 = level >= 60;
        this.deltaAllLengths = deltaAllLengths;
        this.deltaRepAllLengths = deltaRepAllLengths;
        this.trees = new LzmsBinaryTrees(maxChunkSize);
        this.deltaFinder = useDelta ? new LzmsDeltaMatchFinder(maxChunkSize, deltaInterval) : null;
        int nodes = NUM_NODES + 2 * this.nice + 2;
        cost = new int[nodes];
        itemLen = new int[nodes];
        itemSrc = new int[nodes];
        prevSrc = new int[nodes];
        firstLen = new int[nodes];
        firstSrc = new int[nodes];
        states = new long[nodes];
        lzQueue = new int[4 * nodes];
        deltaQueue = new int[4 * nodes];
        matches = new int[2 * (this.nice + 2)];
    }

    @Override
    public long memoryBytes() {
        return trees.memoryBytes() + (useDelta ? LzmsDeltaMatchFinder.MEMORY_BYTES : 0)
                + (long) cost.length * (6 * 4 + 8 + 32);
    }

    @Override
    public void parse(byte[] in, int n, LzmsItemEncoder enc) {
        trees.reset(n);
        if (useDelta) {
            deltaFinder.reset(n);
        }
        states[0] = 0;
        for (int i = 0; i < 4; i++) {
            lzQueue[i] = i + 1;
            deltaQueue[i] = i + 1;
        }
        int pos = 0;
        while (pos < n) {
            pos = parsePiece(in, n, pos, enc);
        }
    }

    /**
     * Finds and encodes the items of one piece of the path, starting at {@code pos} with the
     * state in node 0, and leaves the state at its end in node 0.
     *
     * @return the position the piece ends at
     */
    private int parsePiece(byte[] in, int n, int pos, LzmsItemEncoder enc) {
        final int[] cost = this.cost;
        final int[] itemLen = this.itemLen;
        final int[] itemSrc = this.itemSrc;
        final int[] firstLen = this.firstLen;
        final long[] states = this.states;
        final int[] lzQueue = this.lzQueue;
        final int[] deltaQueue = this.deltaQueue;
        final long[] probs = enc.probs;
        final int[] lengthCost = enc.lengthCost;
        final byte[] literalLens = enc.literalCode.lens;
        final int nice = this.nice;

        cost[0] = 0;
        int end = 0;
        int cur = 0;
        while (true) {
            final int p = pos + cur;
            final int remaining = n - p;
            final long st = states[cur];
            final int curCost = cost[cur];
            // The previous item was an LZ (delta) match: its offset (pair) is at the front of the
            // queue but cannot be named, so repeat index i means queue entry i + 1.
            final boolean prevMatch = (st & 1) != 0;
            final boolean prevDelta = ((st >>> 4) & 1) != 0;
            final int lzSkip = prevMatch && !prevDelta ? 1 : 0;
            final int deltaSkip = prevMatch && prevDelta ? 1 : 0;
            final int q = cur << 2;

            final int mainMatch = LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, MAIN)]);

            // Repeat-offset LZ matches.
            if (remaining >= 2) {
                final int lzBase = curCost + mainMatch
                        + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, MATCH)])
                        + LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, LZ)]);
                final int rep0Bit0 = LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, LZ_REP0)]);
                final int rep0Bit1 = LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, LZ_REP0)]);
                final int seq = LittleEndian.getU16(in, p);
                for (int rep = 0; rep < NUM_REPS; rep++) {
                    final int offset = lzQueue[q + rep + lzSkip];
                    if (offset > p || LittleEndian.getU16(in, p - offset) != seq) {
                        continue;
                    }
                    final int len = LzmsBinaryTrees.extend(in, p, p - offset, 2, remaining);
                    if (len >= nice) {
                        return takeLongItem(in, n, pos, cur, p, len, LZ_REPEAT | rep, enc);
                    }
                    int base = lzBase;
                    if (rep == 0) {
                        base += rep0Bit0;
                    } else {
                        base += rep0Bit1 + LzmsDecisions.cost(probs[LzmsDecisions.entry(st, LZ_REP1)], rep - 1);
                    }
                    while (end < cur + len) {
                        cost[++end] = INFINITE;
                    }
                    for (int l = 2; l <= len; l++) {
                        int c = base + lengthCost[l];
                        if (c < cost[cur + l]) {
                            cost[cur + l] = c;
                            itemLen[cur + l] = l;
                            itemSrc[cur + l] = LZ_REPEAT | rep;
                        }
                    }
                    if (tryRepLitRep0 && remaining - len >= 3
                            && LittleEndian.getU16(in, p + len + 1) == LittleEndian.getU16(in, p + len + 1 - offset)) {
                        end = tryMatchLiteralRep0(in, p, cur, end, remaining, len, offset,
                                base + lengthCost[len], LZ_REPEAT | rep, st, enc);
                    }
                }
            }

            // Repeat-offset delta matches.
            if (useDelta && remaining >= 2) {
                final int deltaBase = curCost + mainMatch
                        + LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, MATCH)])
                        + LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, DELTA)]);
                for (int rep = 0; rep < NUM_REPS; rep++) {
                    final int pair = deltaQueue[q + rep + deltaSkip];
                    final int power = pair >>> RAW_BITS;
                    final int span = 1 << power;
                    final int offset = (pair & ((1 << RAW_BITS) - 1)) << power;
                    if (offset + span > p) {
                        continue;
                    }
                    // Most repeat pairs fail at once: check two bytes before extending.
                    final int m = p - offset;
                    if ((byte) (in[p] - in[p - span]) != (byte) (in[m] - in[m - span])
                            || (byte) (in[p + 1] - in[p + 1 - span]) != (byte) (in[m + 1] - in[m + 1 - span])) {
                        continue;
                    }
                    final int len = LzmsDeltaMatchFinder.extend(in, p, offset, span, 2, remaining);
                    if (len < 2) {
                        continue;
                    }
                    if (len >= nice) {
                        return takeLongItem(in, n, pos, cur, p, len, DELTA_REPEAT | rep, enc);
                    }
                    int base = deltaBase;
                    if (rep == 0) {
                        base += LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, DELTA_REP0)]);
                    } else {
                        base += LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, DELTA_REP0)])
                                + LzmsDecisions.cost(probs[LzmsDecisions.entry(st, DELTA_REP1)], rep - 1);
                    }
                    while (end < cur + len) {
                        cost[++end] = INFINITE;
                    }
                    for (int l = deltaRepAllLengths ? 2 : len; l <= len; l++) {
                        int c = base + lengthCost[l];
                        if (c < cost[cur + l]) {
                            cost[cur + l] = c;
                            itemLen[cur + l] = l;
                            itemSrc[cur + l] = DELTA_REPEAT | rep;
                        }
                    }
                }
            }

            // Explicit-offset LZ matches.
            if (remaining >= LzmsBinaryTrees.MIN_REMAINING) {
                final int count = trees.find(in, p, remaining, nice, depth, matches);
                if (count > 0) {
                    int bestLen = matches[count - 2];
                    if (bestLen >= nice) {
                        int offset = matches[count - 1];
                        bestLen = LzmsBinaryTrees.extend(in, p, p - offset, bestLen, remaining);
                        return takeLongItem(in, n, pos, cur, p + 1, bestLen, LZ_EXPLICIT | offset, enc, p);
                    }
                    final int lzBase = curCost + mainMatch
                            + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, MATCH)])
                            + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, LZ)]);
                    while (end < cur + bestLen) {
                        cost[++end] = INFINITE;
                    }
                    int l = 2;
                    for (int i = 0; i < count; i += 2) {
                        final int len = matches[i];
                        final int offset = matches[i + 1];
                        final int base = lzBase + enc.lzOffsetCost(offset);
                        for (; l <= len; l++) {
                            int c = base + lengthCost[l];
                            if (c < cost[cur + l]) {
                                cost[cur + l] = c;
                                itemLen[cur + l] = l;
                                itemSrc[cur + l] = LZ_EXPLICIT | offset;
                            }
                        }
                        // Only after the longest match: after each one, this cost 10% of the
                        // time at level 50 for 0.4% of size on PE code.
                        if (tryMatchLitRep0 && i == count - 2 && remaining - len >= 3
                                && LittleEndian.getU16(in, p + len + 1) == LittleEndian.getU16(in, p + len + 1 - offset)) {
                            end = tryMatchLiteralRep0(in, p, cur, end, remaining, len, offset,
                                    base + lengthCost[len], LZ_EXPLICIT | offset, st, enc);
                        }
                    }
                }
            }

            // Explicit-offset delta matches.
            if (useDelta && remaining > LzmsDeltaMatchFinder.MIN_LENGTH) {
                final int foundPowers = deltaFinder.find(in, p, Math.min(remaining, nice), deltaLens, deltaRaws);
                final int deltaBase = curCost + mainMatch
                        + LzmsDecisions.cost1(probs[LzmsDecisions.entry(st, MATCH)])
                        + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, DELTA)]);
                for (int bits = foundPowers; bits != 0; bits &= bits - 1) {
                    final int power = Integer.numberOfTrailingZeros(bits);
                    final int len = deltaLens[power];
                    final int src = DELTA_EXPLICIT | power << RAW_BITS | deltaRaws[power];
                    if (len >= nice) {
                        int full = LzmsDeltaMatchFinder.extend(in, p, deltaRaws[power] << power, 1 << power, len, remaining);
                        return takeLongItem(in, n, pos, cur, p + 1, full, src, enc, -1);
                    }
                    final int base = deltaBase + enc.deltaSourceCost(power, deltaRaws[power]);
                    while (end < cur + len) {
                        cost[++end] = INFINITE;
                    }
                    for (int l = deltaAllLengths ? LzmsDeltaMatchFinder.MIN_LENGTH : len; l <= len; l++) {
                        int c = base + lengthCost[l];
                        if (c < cost[cur + l]) {
                            cost[cur + l] = c;
                            itemLen[cur + l] = l;
                            itemSrc[cur + l] = src;
                        }
                    }
                }
            }

            // Literal.
            final int literal = in[p] & 0xFF;
            final int litCost = curCost + LzmsDecisions.cost0(probs[LzmsDecisions.entry(st, MAIN)])
                    + (literalLens[literal] << LzmsDecisions.COST_SHIFT);
            if (end < cur + 1) {
                cost[++end] = INFINITE;
            }
            if (litCost < cost[cur + 1]) {
                cost[cur + 1] = litCost;
                itemLen[cur + 1] = 1;
                itemSrc[cur + 1] = literal;
            } else if (tryLitRep0 && remaining >= 3) {
                // A literal, then the front LZ offset again: worth it only when the literal alone
                // is not the cheapest way to the next position (else the search finds it anyway).
                final int offset = lzQueue[q];
                if (offset <= p && LittleEndian.getU16(in, p + 1) == LittleEndian.getU16(in, p + 1 - offset)) {
                    final int len = LzmsBinaryTrees.extend(in, p + 1, p + 1 - offset, 2, Math.min(nice, remaining - 1));
                    final long s1 = LzmsDecisions.push(st, MAIN, 0);
                    final int c = litCost + LzmsDecisions.cost1(probs[LzmsDecisions.entry(s1, MAIN)])
                            + LzmsDecisions.cost0(probs[LzmsDecisions.entry(s1, MATCH)])
                            + LzmsDecisions.cost1(probs[LzmsDecisions.entry(s1, LZ)])
                            + LzmsDecisions.cost0(probs[LzmsDecisions.entry(s1, LZ_REP0)])
                            + lengthCost[len];
                    final int at = cur + 1 + len;
                    while (end < at) {
                        cost[++end] = INFINITE;
                    }
                    if (c < cost[at]) {
                        cost[at] = c;
                        itemLen[at] = len | AFTER_LITERAL;
                        itemSrc[at] = LZ_REPEAT;
                        prevSrc[at] = literal;
                        firstLen[at] = 0;
                    }
                }
            }

            cur++;
            settle(cur);
            if (cur == end || cur == NUM_NODES) {
                encodePath(cur, enc);
                copyState(cur, 0);
                return pos + cur;
            }
        }
    }

    /**
     * Prices a match, a literal and a repeat of the match's offset (index 0 once the literal
     * has come between), reaching {@code len + 1 + rep0 length} positions on.
     */
    private int tryMatchLiteralRep0(byte[] in, int p, int cur, int end, int remaining, int len, int offset,
            int matchCost, int matchSrc, long st, LzmsItemEncoder enc) {
        final long[] probs = enc.probs;
        final int rep0Len = LzmsBinaryTrees.extend(in, p + len + 1, p + len + 1 - offset, 2,
                Math.min(nice, remaining - len - 1));
        long s = LzmsDecisions.push(st, MAIN, 1);
        s = LzmsDecisions.push(s, MATCH, 0);
        if ((matchSrc >>> 30) == 0) {
            s = LzmsDecisions.push(s, LZ, 0);
        } else {
            int rep = matchSrc & VALUE_MASK;
            s = LzmsDecisions.push(s, LZ, 1);
            s = LzmsDecisions.push(s, LZ_REP0, rep == 0 ? 0 : 1);
            if (rep != 0) {
                s = LzmsDecisions.push(s, LZ_REP1, rep - 1);
            }
        }
        final int literal = in[p + len] & 0xFF;
        int c = matchCost + enc.literalCost(s, literal);
        s = LzmsDecisions.push(s, MAIN, 0);
        c += LzmsDecisions.cost1(probs[LzmsDecisions.entry(s, MAIN)])
                + LzmsDecisions.cost0(probs[LzmsDecisions.entry(s, MATCH)])
                + LzmsDecisions.cost1(probs[LzmsDecisions.entry(s, LZ)])
                + LzmsDecisions.cost0(probs[LzmsDecisions.entry(s, LZ_REP0)])
                + enc.lengthCost[rep0Len];
        final int at = cur + len + 1 + rep0Len;
        while (end < at) {
            cost[++end] = INFINITE;
        }
        if (c < cost[at]) {
            cost[at] = c;
            itemLen[at] = rep0Len | AFTER_LITERAL;
            itemSrc[at] = LZ_REPEAT;
            prevSrc[at] = literal;
            firstLen[at] = len;
            firstSrc[at] = matchSrc;
        }
        return end;
    }

    /** Fixes the state at {@code node} from its cheapest arrival. */
    private void settle(int node) {
        final int il = itemLen[node];
        final int len = il & LENGTH_MASK;
        int from = node - len;
        if (il == len) {
            copyState(from, node);
        } else {
            final int pl = 1;
            from -= pl;
            int fl = firstLen[node];
            if (fl == 0) {
                copyState(from, node);
            } else {
                from -= fl;
                copyState(from, node);
                apply(node, fl, firstSrc[node]);
            }
            apply(node, pl, prevSrc[node]);
        }
        apply(node, len, itemSrc[node]);
    }

    private void copyState(int from, int to) {
        states[to] = states[from];
        int f = from << 2;
        int t = to << 2;
        lzQueue[t] = lzQueue[f];
        lzQueue[t + 1] = lzQueue[f + 1];
        lzQueue[t + 2] = lzQueue[f + 2];
        lzQueue[t + 3] = lzQueue[f + 3];
        deltaQueue[t] = deltaQueue[f];
        deltaQueue[t + 1] = deltaQueue[f + 1];
        deltaQueue[t + 2] = deltaQueue[f + 2];
        deltaQueue[t + 3] = deltaQueue[f + 3];
    }

    /** Updates the state kept at {@code node} for one more item, as a decoder does. */
    private void apply(int node, int len, int src) {
        long s = states[node];
        if (len == 1) {
            states[node] = LzmsDecisions.push(s, MAIN, 0);
            return;
        }
        boolean prevMatch = (s & 1) != 0;
        boolean prevDelta = ((s >>> 4) & 1) != 0;
        s = LzmsDecisions.push(s, MAIN, 1);
        int q = node << 2;
        int value = src & VALUE_MASK;
        switch (src >>> 30) {
            case 0 -> {
                s = LzmsDecisions.push(LzmsDecisions.push(s, MATCH, 0), LZ, 0);
                pushFront(lzQueue, q, value);
            }
            case 1 -> {
                s = LzmsDecisions.push(LzmsDecisions.push(s, MATCH, 0), LZ, 1);
                s = repeatStates(s, value, LZ_REP0, LZ_REP1);
                moveToFront(lzQueue, q, value + (prevMatch && !prevDelta ? 1 : 0));
            }
            case 2 -> {
                s = LzmsDecisions.push(LzmsDecisions.push(s, MATCH, 1), DELTA, 0);
                pushFront(deltaQueue, q, value);
            }
            default -> {
                s = LzmsDecisions.push(LzmsDecisions.push(s, MATCH, 1), DELTA, 1);
                s = repeatStates(s, value, DELTA_REP0, DELTA_REP1);
                moveToFront(deltaQueue, q, value + (prevMatch && prevDelta ? 1 : 0));
            }
        }
        states[node] = s;
    }

    private static long repeatStates(long s, int rep, int rep0, int rep1) {
        if (rep == 0) {
            return LzmsDecisions.push(s, rep0, 0);
        }
        return LzmsDecisions.push(LzmsDecisions.push(s, rep0, 1), rep1, rep - 1);
    }

    private static void pushFront(int[] queue, int q, int value) {
        queue[q + 3] = queue[q + 2];
        queue[q + 2] = queue[q + 1];
        queue[q + 1] = queue[q];
        queue[q] = value;
    }

    private static void moveToFront(int[] queue, int q, int index) {
        int v = queue[q + index];
        for (int i = index; i > 0; i--) {
            queue[q + i] = queue[q + i - 1];
        }
        queue[q] = v;
    }

    /**
     * Encodes the path to {@code cur}, then a long item of {@code len} bytes at {@code p} at
     * once, and moves the match finders past it (from {@code skipFrom}, the first position they
     * have not seen).
     *
     * @return the position after the item
     */
    private int takeLongItem(byte[] in, int n, int pos, int cur, int skipFrom, int len, int src,
            LzmsItemEncoder enc) {
        return takeLongItem(in, n, pos, cur, skipFrom, len, src, enc, -1);
    }

    /**
     * As above; {@code deltaToo} is a position the delta finder still has to take (the LZ finder
     * has already), or -1.
     */
    private int takeLongItem(byte[] in, int n, int pos, int cur, int skipFrom, int len, int src,
            LzmsItemEncoder enc, int deltaToo) {
        int p = pos + cur;
        encodePath(cur, enc);
        encodeItem(len, src, enc);
        copyState(cur, 0);
        apply(0, len, src);
        if (useDelta && deltaToo >= 0 && n - deltaToo > LzmsDeltaMatchFinder.MIN_LENGTH) {
            deltaFinder.skip(in, deltaToo);
        }
        int stop = p + len;
        for (int i = skipFrom; i < stop; i++) {
            if (n - i >= LzmsBinaryTrees.MIN_REMAINING) {
                trees.skip(in, i, n - i, nice, depth);
            }
            if (useDelta && n - i > LzmsDeltaMatchFinder.MIN_LENGTH) {
                deltaFinder.skip(in, i);
            }
        }
        return stop;
    }

    /** Encodes the items of the cheapest path from node 0 to {@code node}. */
    private void encodePath(int node, LzmsItemEncoder enc) {
        int k = 0;
        while (node > 0) {
            final int il = itemLen[node];
            final int len = il & LENGTH_MASK;
            stackLen[k] = len;
            stackSrc[k++] = itemSrc[node];
            if (il != len) {
                final int pl = 1;
                stackLen[k] = pl;
                stackSrc[k++] = prevSrc[node];
                int fl = firstLen[node];
                if (fl != 0) {
                    stackLen[k] = fl;
                    stackSrc[k++] = firstSrc[node];
                }
                node -= pl + fl;
            }
            node -= len;
        }
        while (k > 0) {
            k--;
            encodeItem(stackLen[k], stackSrc[k], enc);
        }
    }

    private static void encodeItem(int len, int src, LzmsItemEncoder enc) {
        if (len == 1) {
            enc.literal(src);
            return;
        }
        int value = src & VALUE_MASK;
        switch (src >>> 30) {
            case 0 -> enc.lzMatch(value, len);
            case 1 -> enc.lzRepeat(value, len);
            case 2 -> enc.deltaMatch(value >>> RAW_BITS, value & ((1 << RAW_BITS) - 1), len);
            default -> enc.deltaRepeat(value, len);
        }
    }
}
