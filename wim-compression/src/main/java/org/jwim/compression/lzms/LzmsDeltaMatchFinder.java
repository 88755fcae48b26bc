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
 * table keeps the newest position per hash; candidates are verified. Only every
 * {@code interval}-th position is entered and looked up (the table's random reads and writes
 * are what this search costs): a match of a span that is a multiple of the interval is still
 * found, at most {@code interval - 1} bytes late, as both its ends are on entered positions;
 * between those, the matches found go on one byte shorter, known without comparing. As in the
 * binary trees, positions are stored as {@code base + pos} so no clearing is needed between
 * chunks.
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
    private final int intervalMask;
    private final int[] table = new int[1 << HASH_BITS];
    /** What {@link #find} found at {@link #lastPos}, by power, and the length limit it had. */
    private final int[] lastLen = new int[NUM_POWERS];
    private final int[] lastOffset = new int[NUM_POWERS];
    private int lastPos = -2;
    private int lastMax;
    /** Powers with a match at {@link #lastPos}, one bit each. */
    private int lastFound;
    private int base = 1;
    private int length;

    /**
     * @param interval positions entered and looked up: every one, or every 2nd, 4th (a power
     *                 of two)
     */
    LzmsDeltaMatchFinder(int maxChunkSize, int interval) {
        if (Integer.bitCount(interval) != 1) {
            throw new IllegalArgumentException("interval must be a power of two: " + interval);
        }
        this.maxChunkSize = maxChunkSize;
        this.intervalMask = interval - 1;
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
        lastFound = 0;
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
     * Reports, for each power, the earlier delta match found at position {@code pos} (entering
     * it first if it is one of the positions entered): bit {@code power} of the result is set if
     * there is one, {@code found[power]} is then its length and {@code raws[power]} its raw
     * offset (other entries are left as they were). Lengths stop at {@code max} bytes.
     *
     * @param max bytes left from {@code pos}, more than {@link #MIN_LENGTH}
     */
    int find(byte[] buf, int pos, int max, int[] found, int[] raws) {
        // A match found one position back continues here, one byte shorter: most matches met
        // are such continuations, and their length is then known without comparing.
        final int carried = pos == lastPos + 1 ? lastFound : 0;
        final int prevMax = lastMax;
        lastPos = pos;
        lastMax = max;
        int result = 0;
        if ((pos & intervalMask) != 0) {
            // Not entered: only the continuations, power by power of those found.
            for (int bits = carried; bits != 0; bits &= bits - 1) {
                final int power = Integer.numberOfTrailingZeros(bits);
                final int prevLen = lastLen[power];
                if (prevLen <= MIN_LENGTH) {
                    continue;
                }
                final int offset = lastOffset[power];
                int len = Math.min(prevLen - 1, max);
                if (prevLen >= prevMax) {
                    len = extend(buf, pos, offset, 1 << power, len, max);
                }
                found[power] = len;
                raws[power] = offset >>> power;
                lastLen[power] = len;
                result |= 1 << power;
            }
            lastFound = result;
            return result;
        }
        final int self = base + pos;
        for (int power = 0; power < NUM_POWERS; power++) {
            final int span = 1 << power;
            if (pos < span) {
                continue;
            }
            final int d = changes(buf, pos, span);
            final int h = hash(d, pos, span);
            final int entry = pos - table[h] + base;
            table[h] = self;
            final int prevLen = (carried & (1 << power)) != 0 ? lastLen[power] : 0;
            int len = 0;
            int offset = lastOffset[power];
            if (prevLen > MIN_LENGTH) {
                // Known to agree for prevLen - 1 bytes, exactly that many unless cut off at prevMax.
                len = Math.min(prevLen - 1, max);
                if (prevLen >= prevMax) {
                    len = extend(buf, pos, offset, span, len, max);
                }
            }
            // The entry may be another power's, even this position's own (offset 0), a hash
            // collision, and must leave room for the span before it; the match going on from
            // the previous position is kept unless the entry's is longer.
            final int cand = pos - entry;
            if ((len == 0 || entry != offset) && cand >= span && entry != 0 && (entry & (span - 1)) == 0
                    && (entry >>> power) <= MAX_RAW_OFFSET && changes(buf, cand, span) == d) {
                int l = extend(buf, pos, entry, span, MIN_LENGTH, max);
                if (l > len) {
                    len = l;
                    offset = entry;
                }
            }
            if (len == 0) {
                continue;
            }
            found[power] = len;
            raws[power] = offset >>> power;
            lastLen[power] = len;
            lastOffset[power] = offset;
            result |= 1 << power;
        }
        lastFound = result;
        return result;
    }

    /** Enters position {@code pos} for every power without looking for matches. */
    void skip(byte[] buf, int pos) {
        if ((pos & intervalMask) != 0) {
            return;
        }
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
