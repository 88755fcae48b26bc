package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.jwim.compression.huffman.HuffmanCodeBuilder;
import org.jwim.compression.huffman.HuffmanDecodeTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HuffmanCodeBuilderTest {

    private static byte[] lengths(int maxLen, int... freqs) {
        byte[] lens = new byte[freqs.length];
        new HuffmanCodeBuilder(Math.max(2, freqs.length), maxLen).buildLengths(freqs.length, freqs, lens);
        return lens;
    }

    @Test
    void smallCodesWorkedOutByHand() {
        assertArrayEquals(new byte[] {1, 1}, lengths(15, 1, 1));
        assertArrayEquals(new byte[] {2, 2, 2, 2}, lengths(15, 1, 1, 1, 1));
        // Equal frequencies order by symbol: 1 and 2 (freq 1) join first, then 0 (freq 2) ties
        // with that node and is taken as the leaf: it gets the short codeword.
        assertArrayEquals(new byte[] {1, 2, 2}, lengths(15, 2, 1, 1));
        assertArrayEquals(new byte[] {0, 1, 0, 1}, lengths(15, 0, 5, 0, 3));
        assertArrayEquals(new byte[] {0, 0, 0}, lengths(15, 0, 0, 0));
    }

    @Test
    void tiesGoToLeavesBeforeInternalNodes() {
        // 1,1,1,2: the first node (weight 2) ties with leaf 3 (weight 2). Taking the leaf first
        // (wimlib, and what LZMS requires) gives four 2-bit codes; taking the node first would
        // give lengths 3,3,2,1.
        assertArrayEquals(new byte[] {2, 2, 2, 2}, lengths(15, 1, 1, 1, 2));
    }

    @Test
    void aSingleUsedSymbolIsPairedWithSymbolZeroOrOne() {
        int[] codewords = new int[4];
        byte[] lens = new byte[4];
        new HuffmanCodeBuilder(4, 15).build(4, new int[] {0, 0, 7, 0}, lens, codewords);
        assertArrayEquals(new byte[] {1, 0, 1, 0}, lens);
        assertEquals(0, codewords[0]);
        assertEquals(1, codewords[2]);
        assertArrayEquals(new byte[] {1, 1, 0}, lengths(15, 9, 0, 0));
    }

    @Test
    void codewordsAreCanonical() {
        int[] codewords = new int[3];
        byte[] lens = new byte[3];
        new HuffmanCodeBuilder(3, 15).build(3, new int[] {2, 1, 1}, lens, codewords);
        assertArrayEquals(new int[] {0b0, 0b10, 0b11}, codewords);
    }

    @Test
    void limitsLengthsTheWimlibWay() {
        // Fibonacci weights make a maximally deep tree (15 levels for 16 symbols).
        int[] fib = new int[16];
        fib[0] = 1;
        fib[1] = 1;
        for (int i = 2; i < fib.length; i++) {
            fib[i] = fib[i - 1] + fib[i - 2];
        }
        assertEquals(15, max(lengths(15, fib)));
        for (int limit = 4; limit <= 15; limit++) {
            byte[] lens = lengths(limit, fib);
            assertTrue(max(lens) <= limit);
            assertEquals(1.0, kraft(lens), 0.0, "complete code");
            assertArrayEquals(reference(fib, limit), lens, "limit " + limit);
        }
    }

    @Test
    void matchesAnIndependentPriorityQueueBuildOnRandomFrequencies() {
        Random rnd = new Random(2024);
        HuffmanCodeBuilder builder = new HuffmanCodeBuilder(800, 15);
        byte[] lens = new byte[800];
        for (int round = 0; round < 3000; round++) {
            int n = 2 + rnd.nextInt(rnd.nextBoolean() ? 60 : 798);
            int[] freqs = new int[n];
            int style = rnd.nextInt(4);
            for (int s = 0; s < n; s++) {
                freqs[s] = switch (style) {
                    case 0 -> 1 + rnd.nextInt(4);                          // many ties
                    case 1 -> rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(3000); // unused symbols
                    case 2 -> 1 + (int) Math.abs(rnd.nextGaussian() * (s % 5 == 0 ? 400 : 8));
                    default -> rnd.nextInt(100) == 0 ? 1 + rnd.nextInt(1 << 20) : rnd.nextInt(3);
                };
            }
            builder.buildLengths(n, freqs, lens);
            byte[] expected = reference(freqs, 15);
            assertArrayEquals(expected, Arrays.copyOf(lens, n), "round " + round);
        }
    }

    @Test
    void unlimitedCodesHaveTheOptimalCost() {
        Random rnd = new Random(5);
        for (int round = 0; round < 500; round++) {
            int n = 2 + rnd.nextInt(300);
            int[] freqs = new int[n];
            for (int s = 0; s < n; s++) {
                freqs[s] = 1 + rnd.nextInt(50);
            }
            byte[] lens = lengths(31, freqs);
            long cost = 0;
            for (int s = 0; s < n; s++) {
                cost += (long) freqs[s] * lens[s];
            }
            // Huffman's cost is the sum of all merged weights, whatever the tie-breaking.
            PriorityQueue<Long> pq = new PriorityQueue<>();
            for (int f : freqs) {
                pq.add((long) f);
            }
            long optimal = 0;
            while (pq.size() > 1) {
                long w = pq.poll() + pq.poll();
                optimal += w;
                pq.add(w);
            }
            assertEquals(optimal, cost);
        }
    }

    @Test
    void theDecodeTableReadsEveryCodewordBack() {
        Random rnd = new Random(11);
        for (int round = 0; round < 100; round++) {
            int n = 2 + rnd.nextInt(500);
            int[] freqs = new int[n];
            for (int s = 0; s < n; s++) {
                freqs[s] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(1000);
            }
            byte[] lens = new byte[n];
            int[] codewords = new int[n];
            new HuffmanCodeBuilder(n, 15).build(n, freqs, lens, codewords);
            HuffmanDecodeTable table = new HuffmanDecodeTable(n, 10, 15);
            assertTrue(table.build(lens, 0));
            for (int s = 0; s < n; s++) {
                if (lens[s] == 0) {
                    continue;
                }
                int window = codewords[s] << (15 - lens[s]);
                int e = table.table[window >>> 5];
                int used = 0;
                if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
                    used = 10;
                    e = table.table[(e >>> 8) + ((window >>> (5 - (e & 0x7F))) & ((1 << (e & 0x7F)) - 1))];
                }
                assertEquals(s, e >>> 8);
                assertEquals(lens[s], used + (e & 0xFF));
            }
        }
    }

    @Test
    void refusesBadArguments() {
        HuffmanCodeBuilder b = new HuffmanCodeBuilder(10, 15);
        assertThrows(IllegalArgumentException.class, () -> b.buildLengths(11, new int[11], new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> b.buildLengths(1, new int[1], new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> b.buildLengths(3, new int[] {1, -1, 2}, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new HuffmanCodeBuilder(300, 8));
    }

    @Test
    void allocatesNothingOnceBuilt() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no allocation counter here");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) mx;
        long thread = Thread.currentThread().getId();
        HuffmanCodeBuilder b = new HuffmanCodeBuilder(799, 15);
        int[] freqs = new int[799];
        Random rnd = new Random(3);
        for (int s = 0; s < freqs.length; s++) {
            freqs[s] = 1 + rnd.nextInt(5000);
        }
        byte[] lens = new byte[799];
        int[] codewords = new int[799];
        for (int i = 0; i < 20_000; i++) {
            b.build(799, freqs, lens, codewords);
        }
        long before = counter.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            b.build(799, freqs, lens, codewords);
        }
        long allocated = counter.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 1000, allocated + " bytes allocated by 1000 builds");
    }

    private static int max(byte[] lens) {
        int m = 0;
        for (byte l : lens) {
            m = Math.max(m, l);
        }
        return m;
    }

    private static double kraft(byte[] lens) {
        double k = 0;
        for (byte l : lens) {
            if (l > 0) {
                k += Math.pow(2, -l);
            }
        }
        return k;
    }

    /** A node of the reference build: leaves first on equal weight, then by age. */
    private record Node(long weight, boolean leaf, int order, Node left, Node right) {
    }

    /**
     * The same rules as the builder, built differently: a priority queue of node objects, depths
     * by walking the tree, then wimlib's length limit applied to the internal nodes from the root
     * down in reverse creation order, and the longest lengths handed to the lightest symbols.
     */
    private static byte[] reference(int[] freqs, int maxLen) {
        int n = freqs.length;
        byte[] lens = new byte[n];
        List<int[]> used = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (freqs[s] > 0) {
                used.add(new int[] {freqs[s], s});
            }
        }
        used.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
        if (used.isEmpty()) {
            return lens;
        }
        if (used.size() == 1) {
            int sym = used.get(0)[1];
            lens[0] = 1;
            lens[sym != 0 ? sym : 1] = 1;
            return lens;
        }
        PriorityQueue<Node> pq = new PriorityQueue<>(Comparator.comparingLong(Node::weight)
                .thenComparing(nd -> !nd.leaf()).thenComparingInt(Node::order));
        for (int i = 0; i < used.size(); i++) {
            pq.add(new Node(used.get(i)[0], true, i, null, null));
        }
        List<Node> internal = new ArrayList<>();
        while (pq.size() > 1) {
            Node a = pq.poll();
            Node b = pq.poll();
            Node parent = new Node(a.weight() + b.weight(), false, internal.size(), a, b);
            internal.add(parent);
            pq.add(parent);
        }
        java.util.Map<Node, Integer> depth = new java.util.IdentityHashMap<>();
        depth.put(internal.get(internal.size() - 1), 0);
        for (int i = internal.size() - 1; i >= 0; i--) {
            Node nd = internal.get(i);
            for (Node child : new Node[] {nd.left(), nd.right()}) {
                if (!child.leaf()) {
                    depth.put(child, depth.get(nd) + 1);
                }
            }
        }
        int[] counts = new int[maxLen + 2];
        counts[1] = 2;
        for (int i = internal.size() - 2; i >= 0; i--) {
            int len = depth.get(internal.get(i));
            if (len >= maxLen) {
                len = maxLen - 1;
                while (counts[len] == 0) {
                    len--;
                }
            }
            counts[len]--;
            counts[len + 1] += 2;
        }
        int i = 0;
        for (int len = maxLen; len >= 1; len--) {
            for (int k = 0; k < counts[len]; k++) {
                lens[used.get(i++)[1]] = (byte) len;
            }
        }
        return lens;
    }
}
