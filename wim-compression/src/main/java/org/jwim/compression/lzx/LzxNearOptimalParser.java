package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.ALIGNEDCODE_NUM_SYMBOLS;
import static org.jwim.compression.lzx.LzxConstants.EXTRA_BITS;
import static org.jwim.compression.lzx.LzxConstants.LENCODE_NUM_SYMBOLS;
import static org.jwim.compression.lzx.LzxConstants.MAX_MATCH_LEN;
import static org.jwim.compression.lzx.LzxConstants.MIN_MATCH_LEN;
import static org.jwim.compression.lzx.LzxConstants.NUM_ALIGNED_OFFSET_BITS;
import static org.jwim.compression.lzx.LzxConstants.NUM_CHARS;
import static org.jwim.compression.lzx.LzxConstants.NUM_LEN_HEADERS;
import static org.jwim.compression.lzx.LzxConstants.NUM_PRIMARY_LENS;
import static org.jwim.compression.lzx.LzxConstants.OFFSET_ADJUSTMENT;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;
import org.jwim.compression.matchfinder.BinaryTrees16;
import org.jwim.compression.matchfinder.BinaryTrees32;
import org.jwim.compression.matchfinder.MatchLength;

/**
 * The default and high levels' parse: every position's matches from binary trees, then a
 * cheapest path through the block under a cost model, refined over passes at high levels.
 *
 * <p><b>Blocks.</b> The match finder runs ahead over a block, caching each position's matches
 * (length 2 and up, one per length: the nearest the trees found). Its longest match at each step
 * stands in for the parse to come in the statistics of {@link LzxBlockSplitter}, which ends the
 * block where the data changes, and in the first pass's symbol estimate. Where a match reaches
 * the nice length, the positions it covers are not searched (only inserted, from
 * {@link #FULL_LEVEL}): long matches mean compressible data, where little is lost.
 *
 * <p><b>Path.</b> Positions are visited in order, each offering its literal, its matches at the
 * recent offsets R0-R2 of the path that reached it, and its cached explicit matches, at every
 * length; a node keeps the cheapest arrival. Of the ways to reach a length, the first found is
 * kept (R0, R1, R2, then the nearest explicit offset). As the recent offsets depend on the path,
 * each node's queue is fixed once its best arrival is known (and only the last 512 are kept).
 * One look further is taken for explicit matches followed by a literal and an R0 match ("gap"
 * matches), a common pattern in structured data that a one-step search misses.
 *
 * <p><b>Costs.</b> From level {@link #FULL_LEVEL}, as wimlib at every level: the first pass
 * prices literals from their counts so far and matches as equally likely headers plus extra bits
 * and a default length price; the following passes price every symbol by its codeword length in
 * the code the previous pass's path would get. Below, one pass only, under the code of a quick
 * lazy parse of the cache ({@link LzxLazyEstimate}; symbols it leaves unused keep the guessed
 * price). Costs are in 1/64 bit.
 *
 * <p><b>Speed below {@link #FULL_LEVEL}.</b> Besides the pass saved, the match finder leaves out
 * the positions inside a nice-length match (rather than inserting them), and searches only
 * {@link #DEPTH_AFTER_LONG} nodes just after a match longer than {@link #LONG_MATCH}, where the
 * previous match continues. On the benchmark corpora at level 50, the three together take 1.2x
 * to 1.35x wimlib's time (against 1.85x to 1.95x with wimlib's method) for 0.5% to 0.7% more
 * output.
 */
final class LzxNearOptimalParser implements LzxParser {
    private static final int BIT_COST = 64;
    private static final int RING = 512;
    private static final int RING_MASK = RING - 1;
    private static final int QUEUE_SHIFT = 21;
    private static final long QUEUE_MASK = (1L << QUEUE_SHIFT) - 1;
    private static final long INITIAL_QUEUE = 1L | 1L << QUEUE_SHIFT | 1L << 2 * QUEUE_SHIFT;
    /** Node items: length in bits 0-8, formatted offset (or a gap's literal) from bit 9, bit 31 for a gap match. */
    private static final int ITEM_SHIFT = 9;
    private static final int ITEM_LEN_MASK = (1 << ITEM_SHIFT) - 1;
    private static final int GAP = 0x80000000;
    private static final long ITEM_BITS = 0xFFFFFFFFL;
    /** A node no arrival has reached yet: the highest cost. */
    private static final long UNREACHED = (long) Integer.MAX_VALUE << 32;
    /** A gap's R0 match stays this short so the whole gap item spans fewer than {@link #RING} nodes. */
    private static final int MAX_GAP_REPEAT = RING - MAX_MATCH_LEN - 2;
    /** Cache ints per position the cache is sized for; a block ends early if it fills. */
    private static final int CACHE_INTS_PER_POSITION = 16;
    /** The lowest level parsed with wimlib's passes and full-depth search everywhere. */
    static final int FULL_LEVEL = 70;
    /** Below {@link #FULL_LEVEL}: a best match longer than this cuts the next position's search... */
    static final int LONG_MATCH = 24;
    /** ...to this many nodes. */
    static final int DEPTH_AFTER_LONG = 4;

    private final int niceLen;
    private final int maxDepth;
    private final int passes;
    /** Below {@link #FULL_LEVEL}: costs from a lazy parse, positions inside nice matches left out. */
    private final boolean quick;
    private final int numSlots;
    private final int maxBlockSize;
    /** The match finder: 16-bit positions for chunks up to 64 KiB (the usual), else 32-bit. */
    private final BinaryTrees16 trees16;
    private final BinaryTrees32 trees32;
    private final LzxBlockWriter writer;
    private final LzxSequences seqs;
    private final LzxBlockSplitter splitter = new LzxBlockSplitter();

    /** Per position of the block: the match count, then (length, offset) pairs. */
    private final int[] cache;
    private final int cacheLimit;
    /**
     * Per node of the block: the cost of its cheapest arrival in the high 32 bits, the item
     * that arrives in the low 32 (one array, so that relaxing an arrival is one load and one store).
     */
    private final long[] node;
    /** The explicit match before a gap match's literal, by the node the gap match reaches. */
    private final int[] gapBefore;
    private final int[] gapRing = new int[RING];
    private final long[] queues = new long[RING];

    private final int[] mainCost;
    private final int[] lengthCost = new int[LENCODE_NUM_SYMBOLS];
    private final int[] alignedCost = new int[ALIGNEDCODE_NUM_SYMBOLS];
    /** Cost of a match by offset slot and length: {@code [slot * 256 + length - 2]}, without aligned bits. */
    private final int[] matchCost;

    LzxNearOptimalParser(int maxChunkSize, int level, LzxBlockWriter writer) {
        this.niceLen = Math.min(MAX_MATCH_LEN, Math.max(MIN_MATCH_LEN + 1, 48 * level / 50));
        this.maxDepth = Math.max(1, 24 * level / 50);
        this.quick = level < FULL_LEVEL;
        this.passes = quick ? 1 : level < 100 ? 3 : 4;
        this.writer = writer;
        this.numSlots = (writer.numMainSymbols - NUM_CHARS) / NUM_LEN_HEADERS;
        boolean small = maxChunkSize <= BinaryTrees16.MAX_BUFFER_SIZE;
        this.trees16 = small ? new BinaryTrees16(maxChunkSize, true) : null;
        this.trees32 = small ? null : new BinaryTrees32(maxChunkSize, true);
        // The block grows past the soft maximum by at most one item.
        this.maxBlockSize = Math.min(maxChunkSize, LzxBlockSplitter.SOFT_MAX_BLOCK_SIZE + MAX_MATCH_LEN);
        this.seqs = new LzxSequences(maxBlockSize);
        int positions = Math.min(maxChunkSize, LzxBlockSplitter.SOFT_MAX_BLOCK_SIZE);
        this.cacheLimit = positions * CACHE_INTS_PER_POSITION;
        // Room past the limit for the position that crosses it, and for the empty entries of a
        // long match's positions after it.
        this.cache = new int[cacheLimit + 1 + 2 * MAX_MATCH_LEN + MAX_MATCH_LEN];
        this.node = new long[maxBlockSize + 1];
        this.gapBefore = new int[maxBlockSize + 1];
        this.mainCost = new int[writer.numMainSymbols];
        this.matchCost = new int[numSlots * 256];
    }

    @Override
    public void parse(byte[] buf, int n, LzxBitOutput out) {
        if (trees16 != null) {
            trees16.reset();
        } else {
            trees32.reset(n);
        }
        long queue = INITIAL_QUEUE;
        int pos = 0;
        while (pos < n && !out.overflowed()) {
            int blockStart = pos;
            pos = findMatches(buf, pos, n);
            queue = optimizeAndWrite(buf, blockStart, pos - blockStart, queue, out);
        }
    }

    /**
     * Runs the match finder from {@code blockStart} until the block should end, filling the
     * cache and the splitter's and first pass's statistics.
     *
     * @return the block end
     */
    private int findMatches(byte[] buf, int blockStart, int n) {
        final int[] cache = this.cache;
        final int[] mainFreqs = writer.mainFreqs;
        final int softEnd = blockStart + Math.min(LzxBlockSplitter.SOFT_MAX_BLOCK_SIZE, n - blockStart);
        final int searchEnd = n - BinaryTrees32.MIN_REMAINING;
        writer.clearFrequencies();
        splitter.reset();
        int cp = 0;
        int nextSearch = blockStart;
        int prevBest = 0;
        int nextObservation = blockStart;
        boolean splitting = true;
        int pos = blockStart;
        while (pos < softEnd && cp < cacheLimit) {
            if (pos > searchEnd) {
                cache[cp++] = 0;
                pos++;
                continue;
            }
            final int maxLen = Math.min(MAX_MATCH_LEN, n - pos);
            if (pos < nextSearch) {
                if (!quick) {
                    skip(buf, pos, maxLen);
                }
                cache[cp++] = 0;
                pos++;
                continue;
            }
            final int depth = quick && prevBest > LONG_MATCH ? DEPTH_AFTER_LONG : maxDepth;
            final int end = trees16 != null
                    ? trees16.getMatches(buf, 0, pos, maxLen, niceLen, depth, cache, cp + 1)
                    : trees32.getMatches(buf, pos, maxLen, niceLen, depth, cache, cp + 1);
            final int count = (end - cp - 1) >>> 1;
            cache[cp] = count;
            cp = end;
            final int bestLen = count == 0 ? 0 : cache[end - 2];
            prevBest = bestLen;
            if (pos >= nextObservation) {
                if (bestLen >= 3) {
                    mainFreqs[NUM_CHARS]++;
                    writer.alignedFreqs[(cache[end - 1] + OFFSET_ADJUSTMENT) & 7]++;
                    splitter.match(bestLen);
                    nextObservation = pos + bestLen;
                } else {
                    int b = buf[pos] & 0xFF;
                    mainFreqs[b]++;
                    splitter.literal(b);
                    nextObservation = pos + 1;
                }
            }
            if (bestLen >= Math.min(niceLen, maxLen)) {
                nextSearch = pos + bestLen;
            }
            pos++;
            if (splitting && splitter.checkDue() && pos - blockStart >= LzxBlockSplitter.MIN_BLOCK_SIZE) {
                if (softEnd - pos < LzxBlockSplitter.MIN_BLOCK_SIZE) {
                    splitting = false;
                } else if (splitter.shouldEnd()) {
                    break;
                }
            }
        }
        return pos;
    }

    private void skip(byte[] buf, int pos, int maxLen) {
        if (trees16 != null) {
            trees16.skip(buf, 0, pos, maxLen, niceLen, maxDepth);
        } else {
            trees32.skip(buf, pos, maxLen, niceLen, maxDepth);
        }
    }

    /** Chooses the block's items over the passes, writes it, and returns the recent offsets after it. */
    private long optimizeAndWrite(byte[] buf, int blockStart, int blockSize, long queue, LzxBitOutput out) {
        setDefaultCosts();
        if (quick) {
            writer.clearFrequencies();
            LzxLazyEstimate.count(buf, blockStart, blockSize, queue, cache, writer);
            writer.buildCodes();
            setCostsFromUsedCodewords();
        }
        long endQueue;
        for (int pass = 1;; pass++) {
            setMatchCosts();
            endQueue = minCostPath(buf, blockStart, blockSize, queue);
            if (pass == passes) {
                break;
            }
            writer.clearFrequencies();
            walkPath(blockSize, false);
            writer.buildCodes();
            setCostsFromCodes();
        }
        writer.clearFrequencies();
        int first = walkPath(blockSize, true);
        writer.writeBlock(out, buf, blockStart, blockSize, seqs, first);
        return endQueue;
    }

    /**
     * Finds the cheapest path from node 0 to node {@code blockSize} under the current costs.
     *
     * @return the recent offsets at its end
     */
    private long minCostPath(byte[] buf, int blockStart, int blockSize, long startQueue) {
        final long[] node = this.node;
        final int[] cache = this.cache;
        final int[] matchCost = this.matchCost;
        final int[] mainCost = this.mainCost;
        final int[] alignedCost = this.alignedCost;
        final long[] queues = this.queues;
        final int[] gapRing = this.gapRing;
        node[0] = 0;
        Arrays.fill(node, 1, blockSize + 1, UNREACHED);
        queues[0] = startQueue;
        final int blockEnd = blockStart + blockSize;
        int cp = 0;
        for (int i = 0; i < blockSize; i++) {
            final int pos = blockStart + i;
            final int curCost = (int) (node[i] >>> 32);
            final int numMatches = cache[cp++];
            if (numMatches != 0) {
                final int matchesEnd = cp + 2 * numMatches;
                final int maxLen = Math.min(blockEnd - pos, MAX_MATCH_LEN);
                if (maxLen >= MIN_MATCH_LEN) {
                    final long q = queues[i & RING_MASK];
                    final int here = LittleEndian.getU16(buf, pos);
                    int nextLen = MIN_MATCH_LEN;
                    for (int r = 0; r < 3 && nextLen <= maxLen; r++) {
                        final int src = pos - (int) ((q >>> (QUEUE_SHIFT * r)) & QUEUE_MASK);
                        // Only worth measuring if it reaches the next length not yet offered.
                        if (buf[src + nextLen - 1] != buf[pos + nextLen - 1] || LittleEndian.getU16(buf, src) != here) {
                            continue;
                        }
                        final int len = MatchLength.extend(buf, pos, src, MIN_MATCH_LEN, maxLen);
                        final int row = r * 256 - MIN_MATCH_LEN;
                        final int itemBase = r << ITEM_SHIFT;
                        for (; nextLen <= len; nextLen++) {
                            final long c = (long) (curCost + matchCost[row + nextLen]) << 32;
                            // Branch-free: whether a match beats the arrival so far is a coin toss.
                            // Comparing costs alone: c <= old's cost exactly when c <= old.
                            final long old = node[i + nextLen];
                            node[i + nextLen] = c <= old ? c | itemBase | nextLen : old;
                        }
                    }
                    while (cp < matchesEnd && cache[cp] < nextLen) {
                        cp += 2;
                    }
                    for (; cp < matchesEnd; cp += 2) {
                        final int len = Math.min(cache[cp], maxLen);
                        final int offset = cache[cp + 1];
                        final int formatted = offset + OFFSET_ADJUSTMENT;
                        int base = curCost;
                        if (formatted >= LzxBlockWriter.MIN_ALIGNED_FORMATTED_OFFSET) {
                            base += alignedCost[formatted & 7];
                        }
                        final int row = LzxOffsetSlots.slot(formatted) * 256 - MIN_MATCH_LEN;
                        final long itemBase = (long) formatted << ITEM_SHIFT;
                        int c = 0;
                        for (; nextLen <= len; nextLen++) {
                            c = base + matchCost[row + nextLen];
                            // c < old's cost exactly when c with all-ones low bits < old.
                            final long cand = (long) c << 32 | itemBase | nextLen;
                            final long old = node[i + nextLen];
                            node[i + nextLen] = (cand | ITEM_BITS) < old ? cand : old;
                        }
                        if (cp + 2 == matchesEnd && c != 0) {
                            considerGap(buf, i, pos, len, offset, formatted, c, blockEnd);
                        }
                    }
                }
                cp = matchesEnd;
            }

            // The literal, then the next node's arrival is final: fix its recent offsets.
            final int lit = buf[pos] & 0xFF;
            final int litCost = curCost + mainCost[lit];
            final int j = i + 1;
            if ((long) litCost << 32 <= node[j]) {
                node[j] = (long) litCost << 32 | lit << ITEM_SHIFT;
                queues[j & RING_MASK] = queues[i & RING_MASK];
            } else {
                final int it = (int) node[j];
                final int len = it & ITEM_LEN_MASK;
                if (it < 0) {
                    final int before = gapRing[j & RING_MASK];
                    gapBefore[j] = before;
                    int from = j - len - 1 - (before & ITEM_LEN_MASK);
                    queues[j & RING_MASK] = push(queues[from & RING_MASK], (before >>> ITEM_SHIFT) - OFFSET_ADJUSTMENT);
                } else {
                    final int formatted = it >>> ITEM_SHIFT;
                    final long q = queues[(j - len) & RING_MASK];
                    queues[j & RING_MASK] = formatted > 2 ? push(q, formatted - OFFSET_ADJUSTMENT) : swap(q, formatted);
                }
            }
        }
        return queues[blockSize & RING_MASK];
    }

    /**
     * Offers "explicit match of {@code len} at {@code offset}, one literal, then an R0 match at
     * the same offset" from node {@code i}, {@code c} being the cost of the explicit match.
     */
    private void considerGap(byte[] buf, int i, int pos, int len, int offset, int formatted, int c, int blockEnd) {
        final int str = pos + len + 1;
        final int remaining = blockEnd - str;
        if (remaining < MIN_MATCH_LEN || LittleEndian.getU16(buf, str) != LittleEndian.getU16(buf, str - offset)) {
            return;
        }
        final int repLen = MatchLength.extend(buf, str, str - offset, MIN_MATCH_LEN,
                Math.min(remaining, Math.min(MAX_GAP_REPEAT, MAX_MATCH_LEN)));
        final int lit = buf[pos + len] & 0xFF;
        final int total = c + mainCost[lit] + matchCost[repLen - MIN_MATCH_LEN];
        final int j = i + len + 1 + repLen;
        if (total < (int) (node[j] >>> 32)) {
            node[j] = (long) total << 32 | ((GAP | lit << ITEM_SHIFT | repLen) & ITEM_BITS);
            gapRing[j & RING_MASK] = formatted << ITEM_SHIFT | len;
        }
    }

    private static long push(long q, int offset) {
        return q << QUEUE_SHIFT | offset;
    }

    /** Recent offset {@code r} (0-2) of queue {@code q}. */
    static int recentOffset(long q, int r) {
        return (int) ((q >>> (QUEUE_SHIFT * r)) & QUEUE_MASK);
    }

    /** The queue after a match of formatted offset {@code formatted} (0-2 for a repeat). */
    static long afterMatch(long q, int formatted) {
        return formatted > 2 ? push(q, formatted - OFFSET_ADJUSTMENT) : swap(q, formatted);
    }

    /** The queue with entry {@code r} (0-2) swapped with R0. */
    private static long swap(long q, int r) {
        if (r == 0) {
            return q;
        }
        final int shift = QUEUE_SHIFT * r;
        final long front = q & QUEUE_MASK;
        final long other = (q >>> shift) & QUEUE_MASK;
        return (q & ~(QUEUE_MASK | QUEUE_MASK << shift)) | other | front << shift;
    }

    /**
     * Walks the chosen path back from the block end, counting its symbols into the writer and,
     * when {@code record}, storing its sequences at the end of {@link #seqs}.
     *
     * @return the index of the first sequence
     */
    private int walkPath(int blockSize, boolean record) {
        final long[] nodes = this.node;
        final int[] mainFreqs = writer.mainFreqs;
        final int[] runAndLength = seqs.runAndLength;
        final int[] offsetAndSymbol = seqs.offsetAndSymbol;
        int s = seqs.capacity() - 1;
        int node = blockSize;
        int runEnd = node;
        runAndLength[s] = 0;
        for (;;) {
            int it;
            while (node > 0 && ((it = (int) nodes[node]) & ITEM_LEN_MASK) == 0) {
                mainFreqs[it >>> ITEM_SHIFT]++;
                node--;
            }
            if (node == 0) {
                break;
            }
            it = (int) nodes[node];
            if (it < 0) {
                // A gap match: the R0 match, the literal, then the explicit match before them.
                final int len = it & ITEM_LEN_MASK;
                final int sym = writer.countMatch(len, 0);
                if (record) {
                    runAndLength[s] |= (runEnd - node) << LzxSequences.LENGTH_BITS;
                    s--;
                    runAndLength[s] = len;
                    offsetAndSymbol[s] = sym;
                    runEnd = node - len;
                }
                mainFreqs[(it >>> ITEM_SHIFT) & 0xFF]++;
                int before = gapBefore[node];
                node -= len + 1;
                it = before;
            }
            final int len = it & ITEM_LEN_MASK;
            final int formatted = it >>> ITEM_SHIFT;
            final int sym = writer.countMatch(len, formatted);
            if (record) {
                runAndLength[s] |= (runEnd - node) << LzxSequences.LENGTH_BITS;
                s--;
                runAndLength[s] = len;
                offsetAndSymbol[s] = formatted << LzxSequences.SYMBOL_BITS | sym;
                runEnd = node - len;
            }
            node -= len;
        }
        if (record) {
            runAndLength[s] |= runEnd << LzxSequences.LENGTH_BITS;
        }
        return s;
    }

    /** Fills {@link #matchCost} from the main and length symbol costs. */
    private void setMatchCosts() {
        final int[] mainCost = this.mainCost;
        final int[] matchCost = this.matchCost;
        int sym = NUM_CHARS;
        for (int slot = 0; slot < numSlots; slot++) {
            int extra = EXTRA_BITS[slot] * BIT_COST;
            if (slot >= LzxBlockWriter.MIN_ALIGNED_SLOT) {
                // The low 3 bits are priced by the aligned code.
                extra -= NUM_ALIGNED_OFFSET_BITS * BIT_COST;
            }
            final int row = slot * 256;
            for (int h = 0; h < NUM_PRIMARY_LENS; h++) {
                matchCost[row + h] = mainCost[sym++] + extra;
            }
            final int longBase = mainCost[sym++] + extra;
            for (int l = 0; l < LENCODE_NUM_SYMBOLS; l++) {
                matchCost[row + NUM_PRIMARY_LENS + l] = longBase + lengthCost[l];
            }
        }
    }

    /** Costs from the codeword lengths of the codes just built; unused symbols priced at the longest codeword. */
    private void setCostsFromCodes() {
        priceByLengths(writer.mainLens, mainCost, LzxBlockWriter.MAIN_CODEWORD_LIMIT);
        priceByLengths(writer.lengthLens, lengthCost, LzxBlockWriter.LENGTH_CODEWORD_LIMIT);
        priceByLengths(writer.alignedLens, alignedCost, LzxBlockWriter.ALIGNED_CODEWORD_LIMIT);
    }

    /** Costs from the codeword lengths of the codes just built, where used; other symbols keep their price. */
    private void setCostsFromUsedCodewords() {
        priceUsed(writer.mainLens, mainCost);
        priceUsed(writer.lengthLens, lengthCost);
        priceUsed(writer.alignedLens, alignedCost);
    }

    private static void priceUsed(byte[] lens, int[] costs) {
        for (int s = 0; s < costs.length; s++) {
            if (lens[s] != 0) {
                costs[s] = lens[s] * BIT_COST;
            }
        }
    }

    private static void priceByLengths(byte[] lens, int[] costs, int unusedLength) {
        for (int s = 0; s < costs.length; s++) {
            costs[s] = (lens[s] != 0 ? lens[s] : unusedLength) * BIT_COST;
        }
    }

    /**
     * First-pass costs from the match finder's statistics: the literal counts (mixed half and half
     * with a base probability that falls as more distinct literals occur), the number of
     * matches (all match headers alike), the aligned symbols of their offsets; lengths get a
     * fixed price rising from 4.7 bits for length 9 to 12 bits.
     */
    private void setDefaultCosts() {
        final int[] mainFreqs = writer.mainFreqs;
        final int[] alignedFreqs = writer.alignedFreqs;
        int literals = 0;
        int used = 0;
        for (int b = 0; b < NUM_CHARS; b++) {
            literals += mainFreqs[b];
            used += mainFreqs[b] != 0 ? 1 : 0;
        }
        final int matches = mainFreqs[NUM_CHARS];
        final double items = Math.max(1, literals + matches);
        final double baseLiteral = Math.pow(2, -(304 + used) / 64.0);
        double matchShare = 1;
        for (int b = 0; b < NUM_CHARS; b++) {
            if (mainFreqs[b] != 0) {
                double p = 0.5 * (mainFreqs[b] / items + baseLiteral);
                mainCost[b] = costOf(p);
                matchShare -= p;
            } else {
                mainCost[b] = 11 * BIT_COST;
            }
        }
        matchShare = Math.max(matchShare, 0.15);
        Arrays.fill(mainCost, NUM_CHARS, mainCost.length, costOf(matchShare / (mainCost.length - NUM_CHARS)));
        for (int l = 0; l < LENCODE_NUM_SYMBOLS; l++) {
            lengthCost[l] = defaultLengthCost(l);
        }
        for (int a = 0; a < ALIGNEDCODE_NUM_SYMBOLS; a++) {
            alignedCost[a] = alignedFreqs[a] != 0 ? costOf((double) alignedFreqs[a] / matches)
                    : 2 * NUM_ALIGNED_OFFSET_BITS * BIT_COST;
        }
    }

    /** A guess at the price of length symbol {@code l} (length l + 9) before any code exists. */
    static int defaultLengthCost(int l) {
        if (l == LENCODE_NUM_SYMBOLS - 1) {
            // The longest length stands for every longer run too: more common than its neighbours.
            return 584;
        }
        return (int) (300 + 460 * (1 - Math.exp(-l / 22.0)));
    }

    /** {@code -log2(p)} in 1/64 bits, at least one bit (Huffman codes spend whole bits). */
    private static int costOf(double p) {
        return Math.max(BIT_COST, (int) (-Math.log(p) / Math.log(2) * BIT_COST));
    }
}
