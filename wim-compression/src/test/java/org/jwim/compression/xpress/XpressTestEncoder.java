package org.jwim.compression.xpress;

import java.util.Arrays;
import java.util.Random;

/**
 * Test-only writer of XPRESS Huffman chunks, item by item, for crafting inputs the fixtures do
 * not have (edge cases, invalid streams). No match finding: the test says what to write.
 *
 * <p>The bit writer follows wimlib's model of the format: two 2-byte word slots are reserved
 * ahead of the byte cursor; a slot is filled once more than 16 bits are pending; raw length bytes
 * go at the byte cursor; at the end the partial word is flushed and a zero word fills the second
 * slot. Chunks made with it were also checked to decode the same in libwim (by hand, outside the
 * build).
 */
final class XpressTestEncoder {
    private final byte[] lens;
    private final int[] codes = new int[XpressDecompressor.NUM_SYMBOLS];
    private byte[] expected = new byte[1024];
    private int expectedSize;

    private byte[] buf = new byte[1024];
    private int nextBits;   // first reserved word slot
    private int nextBits2;  // second reserved word slot
    private int nextByte;   // byte cursor
    private long bitbuf;
    private int bitcount;

    /** A writer for the code with these 512 codeword lengths (0 to 15; need not be valid). */
    XpressTestEncoder(byte[] lens) {
        if (lens.length != XpressDecompressor.NUM_SYMBOLS) {
            throw new IllegalArgumentException("512 lengths");
        }
        this.lens = lens.clone();
        // Canonical codes: by length, then by symbol.
        int code = 0;
        for (int len = 1; len <= 15; len++) {
            for (int s = 0; s < lens.length; s++) {
                if (lens[s] == len) {
                    codes[s] = code++;
                }
            }
            code <<= 1;
        }
        nextBits = XpressDecompressor.LENS_TABLE_SIZE;
        nextBits2 = nextBits + 2;
        nextByte = nextBits + 4;
    }

    /** Every symbol 9 bits long: a complete code. */
    static byte[] uniformLengths() {
        byte[] l = new byte[XpressDecompressor.NUM_SYMBOLS];
        Arrays.fill(l, (byte) 9);
        return l;
    }

    /**
     * A complete code with codewords of every length 1 to 15: {@code symbols[i]} gets length
     * {@code i + 1} for i below 14, and {@code symbols[14]} and {@code symbols[15]} length 15.
     */
    static byte[] skewedLengths(int... symbols) {
        if (symbols.length != 16) {
            throw new IllegalArgumentException("16 symbols");
        }
        byte[] l = new byte[XpressDecompressor.NUM_SYMBOLS];
        for (int i = 0; i < 16; i++) {
            l[symbols[i]] = (byte) Math.min(i + 1, 15);
        }
        return l;
    }

    /** The match symbol for a length header and an offset's bit count. */
    static int matchSymbol(int lenHdr, int k) {
        return XpressDecompressor.NUM_CHARS + (k << 4) + lenHdr;
    }

    XpressTestEncoder literal(int b) {
        symbol(b & 0xFF);
        expect(b);
        return this;
    }

    XpressTestEncoder literals(byte[] bytes) {
        for (byte b : bytes) {
            literal(b);
        }
        return this;
    }

    /** A match in its shortest length encoding; also extends {@link #expected()}. */
    XpressTestEncoder match(int length, int offset) {
        if (length < 3 || offset < 1 || offset > 65535) {
            throw new IllegalArgumentException("length " + length + " offset " + offset);
        }
        int k = 31 - Integer.numberOfLeadingZeros(offset);
        int l = length - 3;
        if (l < 15) {
            symbol(matchSymbol(l, k));
        } else {
            symbol(matchSymbol(15, k));
            if (l - 15 < 255) {
                rawByte(l - 15);
            } else {
                rawByte(255);
                rawU16(l);
            }
        }
        bits(offset - (1 << k), k);
        // Offsets that reach before the start still write their bits (for invalid chunks);
        // what they would copy is left as zeros.
        for (int i = 0; i < length; i++) {
            int from = expectedSize - offset;
            expect(from >= 0 ? expected[from] : 0);
        }
        return this;
    }

    /** A raw Huffman symbol, with no effect on {@link #expected()}. */
    XpressTestEncoder symbol(int sym) {
        if (lens[sym] == 0) {
            throw new IllegalArgumentException("symbol " + sym + " has no codeword");
        }
        return bits(codes[sym], lens[sym]);
    }

    XpressTestEncoder bits(int value, int n) {
        if (n == 0) {
            return this;
        }
        bitbuf = (bitbuf << n) | (value & ((1L << n) - 1));
        bitcount += n;
        if (bitcount > 16) {
            bitcount -= 16;
            putWord(nextBits, (int) (bitbuf >>> bitcount));
            nextBits = nextBits2;
            nextBits2 = nextByte;
            nextByte += 2;
        }
        return this;
    }

    XpressTestEncoder rawByte(int b) {
        ensure(nextByte + 1);
        buf[nextByte++] = (byte) b;
        return this;
    }

    XpressTestEncoder rawU16(int v) {
        rawByte(v & 0xFF);
        return rawByte(v >>> 8);
    }

    /** The bytes the items written so far decode to. */
    byte[] expected() {
        return Arrays.copyOf(expected, expectedSize);
    }

    private void expect(int b) {
        if (expectedSize == expected.length) {
            expected = Arrays.copyOf(expected, 2 * expected.length);
        }
        expected[expectedSize++] = (byte) b;
    }

    /** The chunk: length table, then the bit stream flushed as wimlib flushes it. */
    byte[] finish() {
        putWord(nextBits, (int) (bitbuf << (16 - bitcount)));
        putWord(nextBits2, 0);
        ensure(nextByte);
        for (int i = 0; i < XpressDecompressor.LENS_TABLE_SIZE; i++) {
            buf[i] = (byte) (lens[2 * i] | lens[2 * i + 1] << 4);
        }
        return Arrays.copyOf(buf, nextByte);
    }

    private void putWord(int at, int v) {
        ensure(at + 2);
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    private void ensure(int size) {
        if (size > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size, 2 * buf.length));
        }
    }

    /** A chunk of random items with a random complete code. */
    static XpressTestEncoder randomChunk(Random rnd) {
        byte[] lens = randomLengths(rnd);
        XpressTestEncoder enc = new XpressTestEncoder(lens);
        int size = 1 + rnd.nextInt(rnd.nextBoolean() ? XpressDecompressor.MAX_CHUNK_SIZE : 2000);
        int done = 0;
        while (done < size) {
            int left = size - done;
            if (done == 0 || rnd.nextInt(3) == 0 || left < 3) {
                enc.literal(rnd.nextInt(256));
                done++;
                continue;
            }
            int length = switch (rnd.nextInt(4)) {
                case 0 -> 3 + rnd.nextInt(15);
                case 1 -> 18 + rnd.nextInt(255);
                case 2 -> 273 + rnd.nextInt(2000);
                default -> 3 + rnd.nextInt(8);
            };
            length = Math.min(length, left);
            int offset = 1 + (rnd.nextBoolean() ? rnd.nextInt(Math.min(done, 16)) : rnd.nextInt(Math.min(done, 65535)));
            enc.match(length, offset);
            done += length;
        }
        return enc;
    }

    /** Codeword lengths of a complete code over all 512 symbols, from Huffman on random weights. */
    static byte[] randomLengths(Random rnd) {
        long[] weights = new long[XpressDecompressor.NUM_SYMBOLS];
        if (rnd.nextInt(4) == 0) {
            return XpressTestEncoder.uniformLengths();
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 + rnd.nextInt(1 << rnd.nextInt(20));
        }
        while (true) {
            byte[] lens = huffmanLengths(weights);
            boolean fits = true;
            for (byte l : lens) {
                fits &= l <= XpressDecompressor.MAX_CODEWORD_LEN;
            }
            if (fits) {
                return lens;
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weights[i] / 2 + 1;
            }
        }
    }

    private static byte[] huffmanLengths(long[] weights) {
        int n = weights.length;
        // Nodes 0..n-1 are leaves; parents follow. Simple O(n^2) selection is fine for tests.
        long[] w = Arrays.copyOf(weights, 2 * n);
        int[] parent = new int[2 * n];
        boolean[] used = new boolean[2 * n];
        int next = n;
        for (int merges = 0; merges < n - 1; merges++) {
            int a = -1;
            int b = -1;
            for (int i = 0; i < next; i++) {
                if (used[i]) {
                    continue;
                }
                if (a < 0 || w[i] < w[a]) {
                    b = a;
                    a = i;
                } else if (b < 0 || w[i] < w[b]) {
                    b = i;
                }
            }
            used[a] = true;
            used[b] = true;
            w[next] = w[a] + w[b];
            parent[a] = next;
            parent[b] = next;
            next++;
        }
        byte[] lens = new byte[n];
        for (int i = 0; i < n; i++) {
            int depth = 0;
            for (int p = i; p != next - 1; p = parent[p]) {
                depth++;
            }
            lens[i] = (byte) Math.min(depth, 127);
        }
        return lens;
    }
}
