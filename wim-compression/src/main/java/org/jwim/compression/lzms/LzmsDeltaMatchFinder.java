package org.jwim.compression.lzms;

import java.util.Arrays;
import org.jwim.compression.LittleEndian;

/**
 * Finds delta matches with explicit offsets: for a span of {@code 2^power} bytes, a run whose
 * byte-to-byte changes over the span ({@code b[i] - b[i - span]}) repeat the changes of an earlier
 * run, {@code raw << power} bytes back. Such runs are tables of 16- or 32-bit numbers that grow
 * steadily, samples, bitmaps.
 *
 * <p>One hash table serves every power considered: a position is entered under a hash of its
 * next {@value #MIN_LENGTH} changes, the span, and its position modulo the span (the offset of a
 * delta match is a multiple of the span, so only positions of the same phase can match). The
 * table keeps the newest position per hash; candidates are verified. It is read at even positions
 * only (and wherever a search starts afresh), entered at all. As in the binary trees,
 * positions are stored as {@code base + pos} so no clearing is needed between chunks.
 */
final class LzmsDeltaMatchFinder {
    /** Powers 0 to this minus one are tried (spans 1 to 32 bytes). */
    static final int NUM_POWERS = 6;
    /** Shortest explicit delta match: the changes hashed. */
    static final int MIN_LENGTH = 3;
    /** Raw offsets must fit the parser's packing of (power, raw offset) pairs. */
    static final int MAX_RAW_OFFSET = (1 << 27) - 1;

    /**
     * 128 KiB of table: small enough to stay in a core's L2 cache next to the binary trees, which
     * made the search 12% faster at level 50 for 0.03% of size (2^17 entries before).
     */
    private static final int HASH_BITS = 15;
    /** Bytes of memory an instance holds (its hash table), for reports. */
    static final long MEMORY_BYTES = 4L << HASH_BITS;

    private final int maxChunkSize;
    private final int[] table = new int[1 << HASH_BITS];
    /** What {@link #find} found at {@link #lastPos}, by power, and the length limit it had. */
    private final int[] lastLen = new int[NUM_POWERS];
    private final int[] lastOffset = new int[NUM_POWERS];
    private int lastPos = -2;
    private int lastMax;
    private int base = 1;
    private int length;

    LzmsDeltaMatchFinder(int maxChunkSize) {
        this.maxChunkSize = maxChunkSize;
    }

    void reset(int length) {
        long next = (long) base + this.length;
        if (next + maxChunkSize >= Integer.MAX_VALUE) {
            Arrays.fill(table, 0);
            next = 1;
        }
        base = (int) next;
        this.length = length;
        lastPos = -2;
    }

    /**
     * The changes over {@code span} of the three bytes at {@code pos}, one per byte of the
     * result: {@code buf[pos + i] - buf[pos + i - span]} in byte {@code i} (bytes 0 to 2; byte 3
     * is not used). The caller makes sure {@code pos >= span} and 4 bytes can be read there.
     */
    private static int changes(byte[] buf, int pos, int span) {
        int x = LittleEndian.getInt(buf, pos);
        int y = LittleEndian.getInt(buf, pos - span);
        // Byte-wise x - y: subtract the low seven bits of each byte with the top bit of x set
        // (so no borrow crosses a byte), then fix the top bits.
        return (((x | 0x80808080) - (y & 0x7F7F7F7F)) ^ ((x ^ ~y) & 0x80808080)) & 0xFFFFFF;
    }

    private static int hash(int changes, int pos, int span) {
        int v = changes | (span + (pos & (span - 1))) << 24;
        return (v * 0x1E35A7BD) >>> (32 - HASH_BITS);
    }

    /**
     * Enters position {@code pos} for every power and reports, for each, the earlier delta match
     * found there: {@code found[power]} is its length (0 if none) and {@code raws[power]} its raw
     * offset. Lengths stop at {@code max} bytes.
     *
     * @param max bytes left from {@code pos}, more than {@link #MIN_LENGTH}
     */
    void find(byte[] buf, int pos, int max, int[] found, int[] raws) {
        final int self = base + pos;
        // A match found one position back continues here, one byte shorter: most matches met
        // are such continuations, and their length is then known without comparing.
        final boolean follows = pos == lastPos + 1;
        final int prevMax = lastMax;
        lastPos = pos;
        lastMax = max;
        for (int power = 0; power < NUM_POWERS; power++) {
            found[power] = 0;
            int prevLen = follows ? lastLen[power] : 0;
            lastLen[power] = 0;
            int span = 1 << power;
            if (pos < span) {
                continue;
            }
            int d = changes(buf, pos, span);
            int h = hash(d, pos, span);
            int offset;
            if (follows && (pos & 1) != 0) {
                // Odd positions are entered but not looked up (the table reads are the cost of
                // this search): a match starting here is found one byte later, at the next even
                // position, while the matches found one position back go on here.
                table[h] = self;
                if (prevLen <= MIN_LENGTH) {
                    continue;
                }
                offset = lastOffset[power];
            } else {
                offset = pos - table[h] + base;
                table[h] = self;
            }
            int cand = pos - offset;
            // The entry may be another power's, even this position's own (offset 0), and must
            // leave room for the span before it.
            if (cand < span || offset == 0 || (offset & (span - 1)) != 0 || (offset >>> power) > MAX_RAW_OFFSET) {
                continue;
            }
            int len;
            if (prevLen > MIN_LENGTH && offset == lastOffset[power]) {
                // Known to agree for prevLen - 1 bytes, exactly that many unless cut off at prevMax.
                len = Math.min(prevLen - 1, max);
                if (prevLen >= prevMax) {
                    len = extend(buf, pos, offset, span, len, max);
                }
            } else {
                // The entry may also be a hash collision: check the hashed changes before extending.
                if (changes(buf, pos - offset, span) != d) {
                    continue;
                }
                len = extend(buf, pos, offset, span, MIN_LENGTH, max);
            }
            found[power] = len;
            raws[power] = offset >>> power;
            lastLen[power] = len;
            lastOffset[power] = offset;
        }
    }

    /** Enters position {@code pos} for every power without looking for matches. */
    void skip(byte[] buf, int pos) {
        final int self = base + pos;
        for (int power = 0; power < NUM_POWERS; power++) {
            int span = 1 << power;
            if (pos >= span) {
                table[hash(changes(buf, pos, span), pos, span)] = self;
            }
        }
    }

    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * How many bytes from {@code pos} on repeat, over {@code span}, the changes {@code offset}
     * bytes back, knowing {@code len} do, up to {@code max}. The caller makes sure
     * {@code pos - offset - span >= 0}.
     *
     * <p>Eight bytes at a time: {@code a[i] - a[i-span] == b[i] - b[i-span]} (mod 256) is
     * {@code a[i] + b[i-span] == b[i] + a[i-span]}, and the byte-wise sums of two longs come from
     * adding the low seven bits of each byte and setting the top bit apart, so no carry crosses a
     * byte.
     */
    static int extend(byte[] buf, int pos, int offset, int span, int len, int max) {
        final int m = pos - offset;
        while (len + 8 <= max) {
            long a = LittleEndian.getLong(buf, pos + len);
            long as = LittleEndian.getLong(buf, pos + len - span);
            long b = LittleEndian.getLong(buf, m + len);
            long bs = LittleEndian.getLong(buf, m + len - span);
            long diff = bytewiseSum(a, bs) ^ bytewiseSum(b, as);
            if (diff != 0) {
                return len + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            len += 8;
        }
        while (len < max && (byte) (buf[pos + len] - buf[pos + len - span])
                == (byte) (buf[m + len] - buf[m + len - span])) {
            len++;
        }
        return len;
    }

    private static long bytewiseSum(long x, long y) {
        return ((x & ~HIGH_BITS) + (y & ~HIGH_BITS)) ^ ((x ^ y) & HIGH_BITS);
    }
}
