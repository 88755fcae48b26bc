package org.jwim.compression.huffman;

import java.util.Arrays;

/**
 * Turns symbol frequencies into a length-limited canonical Huffman code, with exactly the
 * codeword lengths wimlib's {@code make_canonical_huffman_code} gives.
 *
 * <p>Exactness matters because LZMS rebuilds its adaptive codes from frequencies on both sides:
 * a decoder whose code differs in a single length from the encoder's cannot read the stream. The
 * rules that fix the result are:
 * <ol>
 * <li>Used symbols (frequency above 0) are ordered by frequency, then by symbol value.</li>
 * <li>The tree is built the classic way, always joining the two lightest nodes; on equal weights a
 * leaf is taken before an internal node, and the older internal node before a newer one.</li>
 * <li>Lengths are limited the wimlib way: walking the internal nodes from the root down, a node
 * that would sit at depth {@code maxLength} or deeper is instead counted at the deepest length
 * below {@code maxLength} that still has a codeword to split.</li>
 * <li>The longest lengths go to the first symbols of the order in (1); codewords are then assigned
 * canonically (shorter first, equal lengths in symbol order), read most significant bit first.</li>
 * <li>With a single used symbol, symbol 0 and that symbol (or symbol 1 if it is 0) get length 1;
 * with none, every length is 0.</li>
 * </ol>
 *
 * <p>An instance owns its scratch arrays: {@link #build} allocates nothing. Not thread-safe.
 */
public final class HuffmanCodeBuilder {
    private final int maxSymbols;
    private final int maxLength;

    /** Used symbols as {@code frequency << 32 | symbol}, in ascending order once sorted. */
    private final long[] leaves;
    /** Counting-sort buckets, indexed by frequency (the last one takes every higher frequency). */
    private final int[] buckets;
    /** Weight of each internal node, in creation order (which is also ascending weight). */
    private final long[] weight;
    /** Parent of each internal node, then its depth once the lengths are counted. */
    private final int[] parentOrDepth;
    /** Number of codewords of each length. */
    private final int[] lengthCounts;
    private final int[] nextCodeword;

    /**
     * @param maxSymbols largest alphabet {@link #build} will be given (at least 2)
     * @param maxLength  longest codeword length allowed, 1 to 31; it must leave room for every
     *                   symbol ({@code 2^maxLength >= maxSymbols})
     */
    public HuffmanCodeBuilder(int maxSymbols, int maxLength) {
        if (maxSymbols < 2 || maxLength < 1 || maxLength > 31 || (1L << maxLength) < maxSymbols) {
            throw new IllegalArgumentException("no length-limited code for " + maxSymbols + " symbols in " + maxLength + " bits");
        }
        this.maxSymbols = maxSymbols;
        this.maxLength = maxLength;
        this.leaves = new long[maxSymbols];
        this.buckets = new int[bucketCount(maxSymbols)];
        this.weight = new long[maxSymbols];
        this.parentOrDepth = new int[maxSymbols];
        this.lengthCounts = new int[maxLength + 2];
        this.nextCodeword = new int[maxLength + 2];
    }

    /** The longest codeword length this builder makes. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Builds the code for symbols {@code 0 .. numSymbols-1} with frequencies {@code freqs[0 ..
     * numSymbols)}: writes each symbol's codeword length to {@code lens[s]} (0 for unused symbols)
     * and, if {@code codewords} is not null, its codeword, right-aligned, to {@code codewords[s]}
     * (0 for unused symbols).
     *
     * @throws IllegalArgumentException if {@code numSymbols} is outside {@code 2 .. maxSymbols} or a
     *         frequency is negative
     */
    public void build(int numSymbols, int[] freqs, byte[] lens, int[] codewords) {
        if (numSymbols < 2 || numSymbols > maxSymbols) {
            throw new IllegalArgumentException("bad alphabet size " + numSymbols);
        }
        int used = sortSymbols(numSymbols, freqs, lens);
        if (used < 2) {
            buildDegenerate(used, numSymbols, lens, codewords);
            return;
        }
        buildTree(used);
        countLengths(used);
        assignLengths(lens);
        if (codewords != null) {
            assignCodewords(numSymbols, lens, codewords);
        }
    }

    /** {@link #build} without codewords: what a decoder needs. */
    public void buildLengths(int numSymbols, int[] freqs, byte[] lens) {
        build(numSymbols, freqs, lens, null);
    }

    private static int bucketCount(int numSymbols) {
        // About one bucket per four symbols: most frequencies are small, and the few large ones
        // left in the last bucket are cheap to sort by comparison.
        return Math.max(4, (numSymbols + 3) / 4);
    }

    /**
     * Fills {@link #leaves} with the used symbols ordered by (frequency, symbol) and zeroes the
     * lengths of the unused ones: a counting sort, each pass a method of one loop (called for
     * every LZMS code rebuild from a run's start: small methods are compiled quickly and once).
     *
     * @return the number of used symbols
     */
    private int sortSymbols(int numSymbols, int[] freqs, byte[] lens) {
        final int last = Math.min(buckets.length, bucketCount(numSymbols)) - 1;
        Arrays.fill(buckets, 0, last + 1, 0);
        countFrequencies(numSymbols, freqs, last);
        int used = startBuckets(last);
        scatter(numSymbols, freqs, lens, last);
        // Buckets below the last hold one frequency each, filled in symbol order: already sorted.
        int lastStart = last == 1 ? 0 : buckets[last - 1];
        sortRange(leaves, lastStart, used);
        return used;
    }

    private void countFrequencies(int numSymbols, int[] freqs, int last) {
        final int[] buckets = this.buckets;
        int negative = 0;
        for (int s = 0; s < numSymbols; s++) {
            int f = freqs[s];
            negative |= f;
            buckets[Math.min(f & Integer.MAX_VALUE, last)]++;
        }
        if (negative < 0) {
            throw new IllegalArgumentException("negative frequency");
        }
    }

    /** Turns the bucket counts into start indexes, bucket 0 (unused symbols) left out: returns the used count. */
    private int startBuckets(int last) {
        final int[] buckets = this.buckets;
        int used = 0;
        for (int b = 1; b <= last; b++) {
            int n = buckets[b];
            buckets[b] = used;
            used += n;
        }
        return used;
    }

    private void scatter(int numSymbols, int[] freqs, byte[] lens, int last) {
        final int[] buckets = this.buckets;
        final long[] leaves = this.leaves;
        for (int s = 0; s < numSymbols; s++) {
            int f = freqs[s];
            if (f == 0) {
                lens[s] = 0;
            } else {
                leaves[buckets[Math.min(f, last)]++] = ((long) f << 32) | s;
            }
        }
    }

    /**
     * Sorts {@code a[from, to)} ascending: heapsort, even for short ranges. (An insertion sort's
     * inner loop, {@code while (j >= from && a[j] > v)}, was compiled by C2 with a loop-limit
     * predicate that failed at run time, throwing away the whole inlined code rebuild and
     * compiling it again; the heap's loops have no such shape.)
     */
    private static void sortRange(long[] a, int from, int to) {
        int n = to - from;
        for (int root = n / 2 - 1; root >= 0; root--) {
            siftDown(a, from, root, n);
        }
        for (int end = n - 1; end > 0; end--) {
            long top = a[from];
            a[from] = a[from + end];
            a[from + end] = top;
            siftDown(a, from, 0, end);
        }
    }

    private static void siftDown(long[] a, int base, int node, int size) {
        long v = a[base + node];
        int child;
        while ((child = 2 * node + 1) < size) {
            if (child + 1 < size && a[base + child + 1] > a[base + child]) {
                child++;
            }
            if (v >= a[base + child]) {
                break;
            }
            a[base + node] = a[base + child];
            node = child;
        }
        a[base + node] = v;
    }

    private void buildDegenerate(int used, int numSymbols, byte[] lens, int[] codewords) {
        if (codewords != null) {
            Arrays.fill(codewords, 0, numSymbols, 0);
        }
        if (used == 0) {
            return;
        }
        // One symbol still needs a complete code of two codewords: pair it with symbol 0 (or 1).
        int sym = (int) leaves[0];
        int other = sym != 0 ? sym : 1;
        lens[0] = 1;
        lens[other] = 1;
        if (codewords != null) {
            codewords[other] = 1;
        }
    }

    /**
     * Makes the {@code used - 1} internal nodes. Leaves and internal nodes are both consumed in
     * ascending weight order, so the lightest node is always at the front of one of the two queues.
     */
    private void buildTree(int used) {
        final long[] leaves = this.leaves;
        final long[] weight = this.weight;
        final int[] parent = this.parentOrDepth;
        int leaf = 0;
        int node = 0;
        for (int next = 0; next < used - 1; next++) {
            long w;
            if (leaf < used && (node == next || (leaves[leaf] >>> 32) <= weight[node])) {
                w = leaves[leaf++] >>> 32;
            } else {
                parent[node] = next;
                w = weight[node++];
            }
            if (leaf < used && (node == next || (leaves[leaf] >>> 32) <= weight[node])) {
                w += leaves[leaf++] >>> 32;
            } else {
                parent[node] = next;
                w += weight[node++];
            }
            weight[next] = w;
        }
    }

    /**
     * Counts the codewords of each length from the internal nodes' depths, limiting the length
     * (rule 3 of the class comment). Each internal node below the root turns one codeword of its
     * depth into two one bit longer.
     */
    private void countLengths(int used) {
        final int[] counts = this.lengthCounts;
        final int[] depth = this.parentOrDepth;
        final int max = maxLength;
        Arrays.fill(counts, 0);
        counts[1] = 2;
        int root = used - 2;
        depth[root] = 0;
        for (int node = root - 1; node >= 0; node--) {
            int d = depth[depth[node]] + 1;
            depth[node] = d;
            int len = d;
            if (len >= max) {
                len = max - 1;
                while (counts[len] == 0) {
                    len--;
                }
            }
            counts[len]--;
            counts[len + 1] += 2;
        }
    }

    /** Gives the longest lengths to the lightest symbols. */
    private void assignLengths(byte[] lens) {
        final long[] leaves = this.leaves;
        final int[] counts = this.lengthCounts;
        int i = 0;
        for (int len = maxLength; len >= 1; len--) {
            for (int n = counts[len]; n > 0; n--) {
                lens[(int) leaves[i++]] = (byte) len;
            }
        }
    }

    private void assignCodewords(int numSymbols, byte[] lens, int[] codewords) {
        final int[] counts = this.lengthCounts;
        final int[] next = this.nextCodeword;
        next[1] = 0;
        for (int len = 2; len <= maxLength; len++) {
            next[len] = (next[len - 1] + counts[len - 1]) << 1;
        }
        for (int s = 0; s < numSymbols; s++) {
            int len = lens[s];
            codewords[s] = len == 0 ? 0 : next[len]++;
        }
    }
}
