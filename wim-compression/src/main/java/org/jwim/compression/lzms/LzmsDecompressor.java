package org.jwim.compression.lzms;

import java.util.Arrays;
import java.util.Objects;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;
import org.jwim.compression.huffman.HuffmanCodeBuilder;
import org.jwim.compression.huffman.HuffmanDecodeTable;

/**
 * Decodes LZMS chunks ("raw" LZMS as WIM and ESD files use it: format notes 14.3).
 *
 * <h2>The format in brief</h2>
 * A chunk is a sequence of 16-bit little-endian words read from both ends. From the front, a
 * binary range decoder ({@code range}, {@code code}) yields the item types; each decision class
 * picks its probability by the last few bits decoded in that class, and a probability is the
 * number of zeros among the last 64 bits coded with it. From the back, read most significant bit
 * first, come Huffman symbols of five adaptive codes (rebuilt from running frequencies every 512
 * or 1024 symbols, see {@link LzmsAdaptiveCode}) and raw extra bits. An item is a literal, an LZ
 * match (explicit offset or one of three recent ones) or a delta match ({@code out[i] =
 * out[i-offset] + out[i-span] - out[i-offset-span]}, span a power of two). The two repeat queues
 * take a new entry one item late: right after an LZ match, repeat index {@code k} means queue
 * entry {@code k+1} (and likewise for delta matches). After the items, the x86 filter is undone
 * ({@link LzmsX86Filter}).
 *
 * <h2>What is checked</h2>
 * The compressed length must be even and at least 4 bytes (as wimlib and 7-Zip require); every
 * match must stay inside the output decoded so far and inside {@code outLen}; the range decoder
 * must not run past the end; and at the end the range decoder must have consumed exactly its
 * data ({@code code == 0} after the last normalisation) and the two streams must not overlap (the
 * checks 7-Zip makes, which catch truncated chunks that wimlib, reading zeros past the ends,
 * would decode to garbage). Any failure is a {@link CorruptChunkException} with the offset in the
 * compressed chunk; no other exception, no write outside the output region, no allocation per
 * chunk.
 *
 * <h2>Speed</h2>
 * C2 spills a loop's state to the stack once the loop body grows large or makes calls, so the
 * layout is chosen for its register allocator: the item loop is one call-free method that decodes
 * a batch of about {@value #BATCH} bytes of output (or until a code's rebuild falls due; a code
 * is used at most once per item) from state kept in fields, called from a small driver that does
 * the rebuilds, which keeps the JIT from compiling the rebuilds into it and from trapping on a
 * path first taken at the end of a 64 MiB chunk (see
 * {@link #decodeItems}). Literals run in their own inner loop; the rare delta matches are decoded
 * out of line, with the state handed over in fields. The range decoder's range and code share
 * one long. The backward stream needs no buffer state: the little-endian long ending at the
 * current word holds the next four words in stream order, so one {@link LittleEndian#getLong}
 * plus a shift yields the next 49+ bits. Each range-decoded decision is written out where it is
 * used, with probability entries kept as bare 64-bit histories (a {@link Long#bitCount} and a
 * table give the clamped probability). Huffman symbols come from {@link HuffmanDecodeTable}
 * lookups. LZ copies move 8 bytes at a time when the offset is at least 8, or a multiple of a
 * short offset that is, and byte by byte only for a match's last few bytes at a batch's end; a
 * match's first 8-byte move comes before any loop, as most matches are short and a loop's entry
 * costs C2 more than such a copy. The initial (uniform) code tables of a chunk size are cached.
 */
public final class LzmsDecompressor implements ChunkDecompressor {
    /** Decision classes: probability entries per class (the state is that many bits wide). */
    private static final int NUM_MAIN_PROBS = 16;
    private static final int NUM_MATCH_PROBS = 32;
    private static final int NUM_LZ_PROBS = 64;
    private static final int NUM_DELTA_PROBS = 64;
    private static final int NUM_REP_PROBS = 64;

    /** Where each class starts in {@link #probs}. */
    private static final int MAIN = 0;
    private static final int MATCH = MAIN + NUM_MAIN_PROBS;
    private static final int LZ = MATCH + NUM_MATCH_PROBS;
    private static final int DELTA = LZ + NUM_LZ_PROBS;
    private static final int LZ_REP0 = DELTA + NUM_DELTA_PROBS;
    private static final int LZ_REP1 = LZ_REP0 + NUM_REP_PROBS;
    private static final int DELTA_REP0 = LZ_REP1 + NUM_REP_PROBS;
    private static final int DELTA_REP1 = DELTA_REP0 + NUM_REP_PROBS;
    private static final int NUM_PROBS = DELTA_REP1 + NUM_REP_PROBS;

    /** History of a fresh probability entry: 48 zeros among the last 64 bits. */
    private static final long INITIAL_HISTORY = 0x0000000055555555L;
    /** Bits of range precision a probability (n/64) multiplies. */
    private static final int PROBABILITY_BITS = 6;

    private static final int NUM_LITERAL_SYMS = 256;
    private static final int NUM_DELTA_POWER_SYMS = 8;
    private static final int LITERAL_REBUILD = 1024;
    private static final int LZ_OFFSET_REBUILD = 1024;
    private static final int LENGTH_REBUILD = 512;
    private static final int DELTA_OFFSET_REBUILD = 1024;
    private static final int DELTA_POWER_REBUILD = 512;

    /** Indexes of the codes in {@link #codes}. */
    private static final int LITERAL = 0;
    private static final int LZ_OFFSET = 1;
    private static final int LENGTH = 2;
    private static final int DELTA_OFFSET = 3;
    private static final int DELTA_POWER = 4;

    /** First-lookup widths of the decode tables (speed only). */
    private static final int LITERAL_TABLE_BITS = 10;
    private static final int LZ_OFFSET_TABLE_BITS = 10;
    /**
     * Wider first lookup of the LZ offset code for alphabets of more than
     * {@link #LARGE_OFFSET_ALPHABET} slots (chunks over 1 MiB, as in solid resources): most of
     * their slots stay rare, so many codewords outgrow 10 bits, and filling subtables for them at
     * every rebuild cost more than the wider main table.
     */
    private static final int LARGE_LZ_OFFSET_TABLE_BITS = 11;
    private static final int LARGE_OFFSET_ALPHABET = 320;
    private static final int LENGTH_TABLE_BITS = 10;
    private static final int DELTA_OFFSET_TABLE_BITS = 10;
    private static final int DELTA_POWER_TABLE_BITS = 8;

    /**
     * Output bytes per call of the batch method. Smaller batches would let HotSpot compile it for
     * normal calls before any on-stack replacement (its loops would turn only a few dozen times
     * per call), but measured: 64-byte batches cost 20% of the steady-state speed, 512-byte ones
     * 4%, 4096-byte ones nothing measurable. Even so, the batch ends regularly (so its end-of-
     * output paths are in the JIT's profile) and the rebuilds stay out of its compile.
     */
    private static final int BATCH = 4096;

    /** Repeat offsets a match can name; the queues hold one more (the delayed insertion). */
    private static final int NUM_REPS = 3;

    /** Indexes of the decision states in {@link #states} (the main state is kept apart). */
    private static final int S_MATCH = 0;
    private static final int S_LZ = 1;
    private static final int S_DELTA = 2;
    private static final int S_LZ_REP0 = 3;
    private static final int S_DELTA_REP0 = 5;
    private static final int NUM_STATES = 7;

    /** Clamped probability of a 0 by the number of 1 bits in the history: 64 - ones, in 1..63. */
    private static final int[] PROBABILITY = new int[65];

    static {
        for (int ones = 0; ones <= 64; ones++) {
            PROBABILITY[ones] = Math.min(63, Math.max(1, 64 - ones));
        }
    }

    /** For LZ offsets 1, 2 and 4: what spreads one period of the pattern over a long. */
    private static final long[] PERIOD_SPREAD = {0, 0x0101010101010101L, 0x0001000100010001L, 0, 0x0000000100000001L, 0, 0, 0};

    /** For short LZ offsets: the smallest multiple of the offset that is at least 8. */
    private static final int[] WIDE_STRIDE = {0, 8, 8, 9, 8, 10, 12, 14};

    private final int maxChunkSize;
    /** First-lookup width of the LZ offset code: by the largest alphabet it will have. */
    private final int lzOffsetTableBits;
    private final long[] probs = new long[NUM_PROBS];
    private final int[] states = new int[NUM_STATES];
    private final int[] lzReps = new int[NUM_REPS + 1];
    /** Delta repeat queue entries: {@code power << 32 | raw offset}. */
    private final long[] deltaReps = new long[NUM_REPS + 1];
    private final LzmsAdaptiveCode literalCode;
    private final LzmsAdaptiveCode lzOffsetCode;
    private final LzmsAdaptiveCode lengthCode;
    private final LzmsAdaptiveCode deltaOffsetCode;
    private final LzmsAdaptiveCode deltaPowerCode;
    private final LzmsX86Filter x86Filter = new LzmsX86Filter();
    /** The codes by index ({@link #LITERAL} ...) and how many symbols each decodes before its rebuild. */
    private final LzmsAdaptiveCode[] codes;
    private final int[] untilRebuild = new int[5];
    /** Chunks of less than 8 bytes are decoded from here, after 8 zero bytes (see {@link #peek}). */
    private final byte[] small = new byte[16];
    /** The decode tables and frequencies of the codes the batch loop uses (one load each per batch). */
    private final int[] litTable;
    private final int[] litFreqs;
    private final int[] lenTable;
    private final int[] lenFreqs;
    private final int[] lzOffTable;
    private final int[] lzOffFreqs;
    /**
     * Decoder state between batches and to and from {@link #decodeDeltaMatch}: range decoder
     * ({@code range << 32 | code}), its read position, bits consumed from the backward stream,
     * output position, main decision state, codes whose rebuild is due (bit per code index).
     */
    private long rc;
    private int rp;
    private long q;
    private int pos;
    private int mainState;
    private int due;

    /**
     * @param maxChunkSize largest uncompressed chunk, 1 byte to 1 GiB
     * @throws IllegalArgumentException if out of range
     */
    public LzmsDecompressor(int maxChunkSize) {
        if (maxChunkSize <= 0 || maxChunkSize > CompressionType.LZMS.maxChunkSize()) {
            throw new IllegalArgumentException("LZMS chunk size out of range: " + maxChunkSize);
        }
        this.maxChunkSize = maxChunkSize;
        int maxOffsetSyms = Math.max(2, LzmsSlots.numOffsetSlots(maxChunkSize));
        HuffmanCodeBuilder builder = new HuffmanCodeBuilder(Math.max(NUM_LITERAL_SYMS, maxOffsetSyms),
                LzmsAdaptiveCode.MAX_CODEWORD_LENGTH);
        literalCode = new LzmsAdaptiveCode(NUM_LITERAL_SYMS, LITERAL_TABLE_BITS, LITERAL_REBUILD, builder);
        lzOffsetTableBits = maxOffsetSyms > LARGE_OFFSET_ALPHABET ? LARGE_LZ_OFFSET_TABLE_BITS : LZ_OFFSET_TABLE_BITS;
        lzOffsetCode = new LzmsAdaptiveCode(maxOffsetSyms, lzOffsetTableBits, LZ_OFFSET_REBUILD, builder);
        lengthCode = new LzmsAdaptiveCode(LzmsSlots.NUM_LENGTH_SLOTS, LENGTH_TABLE_BITS, LENGTH_REBUILD, builder);
        deltaOffsetCode = new LzmsAdaptiveCode(maxOffsetSyms, DELTA_OFFSET_TABLE_BITS, DELTA_OFFSET_REBUILD, builder);
        deltaPowerCode = new LzmsAdaptiveCode(NUM_DELTA_POWER_SYMS, DELTA_POWER_TABLE_BITS, DELTA_POWER_REBUILD, builder);
        codes = new LzmsAdaptiveCode[] {literalCode, lzOffsetCode, lengthCode, deltaOffsetCode, deltaPowerCode};
        litTable = literalCode.table;
        litFreqs = literalCode.freqs;
        lenTable = lengthCode.table;
        lenFreqs = lengthCode.freqs;
        lzOffTable = lzOffsetCode.table;
        lzOffFreqs = lzOffsetCode.freqs;
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZMS;
    }

    @Override
    public int maxChunkSize() {
        return maxChunkSize;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        if (outLen < 0 || outLen > maxChunkSize) {
            throw new CorruptChunkException("LZMS chunk of " + outLen + " bytes exceeds the chunk size " + maxChunkSize, 0);
        }
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if (inLen < 4 || (inLen & 1) != 0) {
            throw new CorruptChunkException("LZMS chunk of " + inLen + " bytes: must be even and at least 4", 0);
        }
        // Alphabets of at least 2 symbols (as 7-Zip): a code needs two codewords, and a chunk of
        // 2 bytes, with a single offset slot, then decodes the same as with wimlib.
        int offsetSyms = Math.max(2, LzmsSlots.numOffsetSlots(outLen));
        Arrays.fill(probs, INITIAL_HISTORY);
        literalCode.reset(NUM_LITERAL_SYMS);
        lzOffsetCode.reset(offsetSyms);
        lengthCode.reset(LzmsSlots.NUM_LENGTH_SLOTS);
        deltaOffsetCode.reset(offsetSyms);
        deltaPowerCode.reset(NUM_DELTA_POWER_SYMS);
        if (inLen < 8) {
            // peek reads the 8 bytes at the chunk start: give a short chunk room (offsets in
            // errors are relative to the chunk start, so they are unchanged).
            Arrays.fill(small, (byte) 0);
            System.arraycopy(in, inOff, small, 8, inLen);
            decodeItems(small, 8, inLen, out, outOff, outLen);
        } else {
            decodeItems(in, inOff, inLen, out, outOff, outLen);
        }
        x86Filter.undo(out, outOff, outLen);
    }

    /** Clamped probability (out of 64) that the next bit coded with this history is 0. */
    private static int probability(long history) {
        return PROBABILITY[Long.bitCount(history)];
    }

    /** The next range-coder word; the range decoder never legitimately reads past the end. */
    private static int nextWord(byte[] in, int pos, int inEnd, int inOff) throws CorruptChunkException {
        if (pos >= inEnd) {
            throw new CorruptChunkException("LZMS range decoder ran past the end of the chunk", inEnd - inOff);
        }
        return LittleEndian.getU16(in, pos);
    }

    /**
     * The backward stream from bit {@code q} on: at least 49 bits, the next one in bit 63. The
     * stream's words run from the end of the chunk downwards, most significant bit first, so the
     * little-endian long ending at word {@code q / 16} holds the next four words in stream order.
     * When that long would begin up to 6 bytes before the chunk (only when the forward stream is
     * under 8 bytes long: tiny or damaged chunks), the long at the chunk start is shifted up
     * instead, the bytes before the chunk counting as zeros. The caller guarantees
     * {@code inEnd - inOff >= 8}. (Computing both cases without a branch cost 9% of the speed.)
     */
    private static long peek(byte[] in, int inOff, int inEnd, long q) throws CorruptChunkException {
        int at = inEnd - 8 - (int) ((q >>> 4) << 1);
        if (at + 6 < inOff) {
            // The next bit to consume lies before the chunk: every peek consumes at least one.
            throw new CorruptChunkException("LZMS chunk is truncated: bit stream ran past its start", 0);
        }
        if (at >= inOff) {
            return LittleEndian.getLong(in, at) << (q & 15);
        }
        int before = inOff - at;
        return (LittleEndian.getLong(in, at + before) << (before << 3)) << (q & 15);
    }

    /**
     * A Huffman table lookup on the top bits of {@code bits}: {@code symbol << 8 | codeword length}.
     */
    private static int lookup(int[] table, int tableBits, long bits) {
        int e = table[(int) (bits >>> (64 - tableBits))];
        if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
            int sub = e & 0x7F;
            e = table[(e >>> 8) + (int) ((bits << tableBits) >>> (64 - sub))] + tableBits;
        }
        return e;
    }

    /** The top {@code n} bits of {@code bits}, 0 to 32 of them (0 bits gives 0). */
    private static int topBits(long bits, int n) {
        return (int) ((bits >>> 1) >>> (63 - n));
    }

    /**
     * Decodes all items of the chunk: a driver calling {@link #decodeBatch} for about
     * {@value #BATCH} bytes of output at a time and rebuilding the codes between batches.
     *
     * <p>Why batches: a solid chunk is 64 MiB of output from one call. With the item loop and the
     * rebuilds in one method, a fresh JVM compiled that method with on-stack replacement, the
     * whole code-rebuild chain inlined into it (a long C2 compile, while the loop ran in slower
     * tiers), and threw the compiled code away when the near-end-of-output copy path, which the
     * profile of a 64 MiB chunk never saw, was first taken. Here the batch method is small and
     * called thousands of times per chunk; its batch limit makes the exact (near-the-end) copy
     * path a regular one, so it is in the profile the JIT compiles from.
     */
    private void decodeItems(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        final int inEnd = inOff + inLen;
        final int outEnd = outOff + outLen;
        Arrays.fill(states, 0);
        for (int i = 0; i < NUM_REPS + 1; i++) {
            lzReps[i] = i + 1;
            deltaReps[i] = i + 1;
        }
        for (int c = 0; c < codes.length; c++) {
            untilRebuild[c] = codes[c].rebuildInterval;
        }

        // Range decoder, reading forwards: rc is range << 32 | code (both 32-bit, code < range).
        long code0 = ((long) LittleEndian.getU16(in, inOff) << 16) | LittleEndian.getU16(in, inOff + 2);
        if (code0 == 0xFFFFFFFFL) {
            throw new CorruptChunkException("LZMS range coder starts out of range", 0);
        }
        rc = 0xFFFFFFFF00000000L | code0;
        rp = inOff + 4;
        mainState = 0;
        q = 0;
        pos = outOff;
        while (pos < outEnd) {
            decodeBatch(in, inOff, inEnd, out, outOff, outEnd, Math.min(outEnd, pos + BATCH));
            if (due != 0) {
                rebuildDue();
            }
        }

        // The range decoder must have used exactly its own words (the encoder flushes its whole
        // low end, so code ends at 0), and the streams must not overlap.
        long rc = this.rc;
        int rp = this.rp;
        if ((rc >>> 48) == 0) {
            rc = (rc << 16) | nextWord(in, rp, inEnd, inOff);
            rp += 2;
        }
        if ((rc & 0xFFFFFFFFL) != 0) {
            throw new CorruptChunkException("LZMS range decoder did not end cleanly", rp - inOff);
        }
        long backwardBytes = ((q + 15) >>> 4) << 1;
        if ((rp - inOff) + backwardBytes > inLen) {
            throw new CorruptChunkException("LZMS chunk is truncated: its two streams overlap", Math.min(rp - inOff, inLen));
        }
    }

    /** Rebuilds the codes whose interval ended ({@link #due}). */
    private void rebuildDue() {
        int d = due;
        due = 0;
        for (int c = 0; d != 0; c++, d >>>= 1) {
            if ((d & 1) != 0) {
                codes[c].rebuild();
                untilRebuild[c] = codes[c].rebuildInterval;
            }
        }
    }

    /**
     * Decodes items from the state in the fields ({@link #rc}, {@link #rp}, {@link #q},
     * {@link #pos}, {@link #mainState}) until the output reaches {@code limit} or a code's
     * rebuild falls due ({@link #due}), and stores the state back.
     *
     * <p>The loop makes no calls, so the JIT can keep its state in registers; it leaves after an
     * item that ended a code's rebuild interval (the code is not used again within the same
     * item). Whole 8-byte moves of a match may run up to 7 bytes past it (later items overwrite
     * them), so they are used for matches ending 8 bytes or more before {@code limit}; the match
     * crossing that line, and the short offsets no long pattern covers, are copied exactly.
     */
    private void decodeBatch(byte[] in, int inOff, int inEnd, byte[] out, int outOff, int outEnd, int limit)
            throws CorruptChunkException {
        final long[] probs = this.probs;
        final int[] states = this.states;
        final int[] lzReps = this.lzReps;
        final int[] untilRebuild = this.untilRebuild;
        final int[] litTable = this.litTable;
        final int[] litFreqs = this.litFreqs;
        final int[] lenTable = this.lenTable;
        final int[] lenFreqs = this.lenFreqs;
        final int[] lzOffTable = this.lzOffTable;
        final int[] lzOffFreqs = this.lzOffFreqs;
        final int lzOffBits = lzOffsetTableBits;
        final int copyLimit = limit - 8;
        long rc = this.rc;
        int rp = this.rp;
        long q = this.q;
        int op = pos;
        int mainState = this.mainState;
        int due = 0;
        items:
        while (true) {
            // Main decision: literal (0) or match (1). Literals come in runs: their own loop.
            long h;
            while (true) {
                if ((rc >>> 48) == 0) {
                    rc = (rc << 16) | nextWord(in, rp, inEnd, inOff);
                    rp += 2;
                }
                h = probs[MAIN + mainState];
                long bound = (rc >>> (32 + PROBABILITY_BITS)) * probability(h);
                if ((rc & 0xFFFFFFFFL) >= bound) {
                    rc -= bound * 0x100000001L;
                    break;
                }
                rc = (bound << 32) | (rc & 0xFFFFFFFFL);
                probs[MAIN + mainState] = h << 1;
                mainState = (mainState << 1) & (NUM_MAIN_PROBS - 1);

                int e = lookup(litTable, LITERAL_TABLE_BITS, peek(in, inOff, inEnd, q));
                q += e & 0xFF;
                int sym = e >>> 8;
                out[op++] = (byte) sym;
                litFreqs[sym]++;
                if (--untilRebuild[LITERAL] == 0) {
                    due = 1 << LITERAL;
                    break items;
                }
                if (op >= limit) {
                    break items;
                }
            }
            probs[MAIN + mainState] = (h << 1) | 1;
            // Bit 1 of the new main state tells whether the previous item was a match too.
            mainState = ((mainState << 1) | 1) & (NUM_MAIN_PROBS - 1);

            // Match decision: LZ (0) or delta (1).
            if ((rc >>> 48) == 0) {
                rc = (rc << 16) | nextWord(in, rp, inEnd, inOff);
                rp += 2;
            }
            int st = states[S_MATCH];
            h = probs[MATCH + st];
            long bound = (rc >>> (32 + PROBABILITY_BITS)) * probability(h);
            if ((rc & 0xFFFFFFFFL) >= bound) {
                rc -= bound * 0x100000001L;
                probs[MATCH + st] = (h << 1) | 1;
                states[S_MATCH] = ((st << 1) | 1) & (NUM_MATCH_PROBS - 1);
                // Delta matches are rare: decoded out of line, with the decoder state handed
                // over in fields, to keep this loop small for the register allocator.
                this.rc = rc;
                this.rp = rp;
                this.q = q;
                op = decodeDeltaMatch(in, inOff, inEnd, out, outOff, outEnd, op, (mainState & 2) != 0 && (st & 1) != 0);
                rc = this.rc;
                rp = this.rp;
                q = this.q;
                due |= this.due;
                if (op >= limit || due != 0) {
                    break;
                }
                continue;
            }
            rc = (bound << 32) | (rc & 0xFFFFFFFFL);
            probs[MATCH + st] = h << 1;
            states[S_MATCH] = (st << 1) & (NUM_MATCH_PROBS - 1);
            // The previous item was an LZ match: its offset is not yet "in" the queue.
            boolean afterLz = (mainState & 2) != 0 && (st & 1) == 0;

            // LZ match. Explicit offset (0) or repeat (1)?
            if ((rc >>> 48) == 0) {
                rc = (rc << 16) | nextWord(in, rp, inEnd, inOff);
                rp += 2;
            }
            st = states[S_LZ];
            h = probs[LZ + st];
            bound = (rc >>> (32 + PROBABILITY_BITS)) * probability(h);
            int offset;
            if ((rc & 0xFFFFFFFFL) < bound) {
                rc = (bound << 32) | (rc & 0xFFFFFFFFL);
                probs[LZ + st] = h << 1;
                states[S_LZ] = (st << 1) & (NUM_LZ_PROBS - 1);

                long bits = peek(in, inOff, inEnd, q);
                int e = lookup(lzOffTable, lzOffBits, bits);
                int n = e & 0xFF;
                int slot = e >>> 8;
                lzOffFreqs[slot]++;
                if (--untilRebuild[LZ_OFFSET] == 0) {
                    due |= 1 << LZ_OFFSET;
                }
                int extra = LzmsSlots.OFFSET_EXTRA[slot];
                offset = LzmsSlots.OFFSET_BASE[slot] + topBits(bits << n, extra);
                q += n + extra;
                lzReps[3] = lzReps[2];
                lzReps[2] = lzReps[1];
                lzReps[1] = lzReps[0];
                lzReps[0] = offset;
            } else {
                rc -= bound * 0x100000001L;
                probs[LZ + st] = (h << 1) | 1;
                states[S_LZ] = ((st << 1) | 1) & (NUM_LZ_PROBS - 1);
                // Repeat index 0, 1 or 2 from up to two more decisions.
                int rep = 0;
                int cls = LZ_REP0;
                int sIdx = S_LZ_REP0;
                do {
                    if ((rc >>> 48) == 0) {
                        rc = (rc << 16) | nextWord(in, rp, inEnd, inOff);
                        rp += 2;
                    }
                    st = states[sIdx];
                    h = probs[cls + st];
                    bound = (rc >>> (32 + PROBABILITY_BITS)) * probability(h);
                    if ((rc & 0xFFFFFFFFL) < bound) {
                        rc = (bound << 32) | (rc & 0xFFFFFFFFL);
                        probs[cls + st] = h << 1;
                        states[sIdx] = (st << 1) & (NUM_REP_PROBS - 1);
                        break;
                    }
                    rc -= bound * 0x100000001L;
                    probs[cls + st] = (h << 1) | 1;
                    states[sIdx] = ((st << 1) | 1) & (NUM_REP_PROBS - 1);
                    rep++;
                    cls += NUM_REP_PROBS;
                    sIdx++;
                } while (rep < NUM_REPS - 1);
                if (afterLz) {
                    rep++;
                }
                // Move the entry to the front (written out: a loop of up to 3 turns costs C2
                // more to enter than to run).
                offset = lzReps[rep];
                if (rep != 0) {
                    if (rep >= 2) {
                        if (rep == 3) {
                            lzReps[3] = lzReps[2];
                        }
                        lzReps[2] = lzReps[1];
                    }
                    lzReps[1] = lzReps[0];
                    lzReps[0] = offset;
                }
            }

            long bits = peek(in, inOff, inEnd, q);
            int e = lookup(lenTable, LENGTH_TABLE_BITS, bits);
            int n = e & 0xFF;
            int slot = e >>> 8;
            lenFreqs[slot]++;
            if (--untilRebuild[LENGTH] == 0) {
                due |= 1 << LENGTH;
            }
            int extra = LzmsSlots.LENGTH_EXTRA[slot];
            int length = LzmsSlots.LENGTH_BASE[slot] + topBits(bits << n, extra);
            q += n + extra;

            if (offset > op - outOff || length > outEnd - op) {
                throw badMatch(offset > op - outOff, q, inEnd - inOff);
            }
            int end = op + length;
            int src = op - offset;
            if (offset >= 8 && end <= copyLimit) {
                // Most matches are short: their first (often only) move comes before any loop,
                // whose setup would cost more than the copy.
                LittleEndian.putLong(out, op, LittleEndian.getLong(out, src));
                if (length > 8) {
                    copyLongs(out, op + 8, src + 8, end);
                }
            } else if (PERIOD_SPREAD[offset & 7] != 0 && offset < 8 && end <= copyLimit) {
                // Offset 1, 2 or 4: a period that divides 8, so one long holds the pattern.
                long pattern = (LittleEndian.getLong(out, src) & ((1L << (offset << 3)) - 1))
                        * PERIOD_SPREAD[offset];
                LittleEndian.putLong(out, op, pattern);
                if (length > 8) {
                    fillLongs(out, op + 8, end, pattern);
                }
            } else {
                copyExact(out, op, src, end);
            }
            op = end;
            if (op >= limit || due != 0) {
                break;
            }
        }
        this.rc = rc;
        this.rp = rp;
        this.q = q;
        this.pos = op;
        this.mainState = mainState;
        this.due = due;
    }

    /**
     * Copies the match {@code out[src, ...)} to {@code out[op, end)}, writing nothing past
     * {@code end}: short offsets copy one period-aligned stride byte by byte, after which the
     * bytes a stride back repeat the pattern and 8-byte moves can follow.
     */
    private static void copyExact(byte[] out, int op, int src, int end) {
        int offset = op - src;
        if (offset < 8) {
            int stride = WIDE_STRIDE[offset];
            int first = Math.min(stride, end - op);
            for (int i = 0; i < first; i++) {
                out[op + i] = out[src + i];
            }
            op += first;
            src = op - stride;
        }
        // Loops counted from 0 in steps of 1: C2 compiled a loop stepping op by 8 up to end - 8
        // with a loop-limit predicate that failed at run time and cost a recompile.
        int longs = (end - op) >> 3;
        for (int k = 0; k < longs; k++) {
            LittleEndian.putLong(out, op + (k << 3), LittleEndian.getLong(out, src + (k << 3)));
        }
        op += longs << 3;
        src += longs << 3;
        for (int i = 0, n = end - op; i < n; i++) {
            out[op + i] = out[src + i];
        }
    }

    /**
     * Copies {@code out[src, ...)} to {@code out[op, end)} 8 bytes at a time, {@code src} at least 8
     * bytes back, writing up to 7 bytes past {@code end} (the caller leaves room).
     */
    private static void copyLongs(byte[] out, int op, int src, int end) {
        do {
            LittleEndian.putLong(out, op, LittleEndian.getLong(out, src));
            op += 8;
            src += 8;
        } while (op < end);
    }

    /** Writes {@code pattern} to {@code out[op, end)}, 8 bytes at a time, up to 7 bytes past. */
    private static void fillLongs(byte[] out, int op, int end, long pattern) {
        do {
            LittleEndian.putLong(out, op, pattern);
            op += 8;
        } while (op < end);
    }

    /**
     * Decodes a delta match, its main and match decisions already taken: returns the new output
     * position. Rare enough to run on the state in fields: {@link #rc}, {@link #rp}, {@link #q};
     * sets {@link #due} to the codes whose rebuild interval it ended.
     *
     * @param afterDelta whether the previous item was a delta match (its pair not yet queued)
     */
    private int decodeDeltaMatch(byte[] in, int inOff, int inEnd, byte[] out, int outOff, int outEnd, int op,
            boolean afterDelta) throws CorruptChunkException {
        final long[] reps = deltaReps;
        due = 0;
        int rep = -1;
        if (decodeBit(in, inOff, inEnd, DELTA, S_DELTA, NUM_DELTA_PROBS) != 0) {
            rep = 0;
            if (decodeBit(in, inOff, inEnd, DELTA_REP0, S_DELTA_REP0, NUM_REP_PROBS) != 0) {
                rep = 1 + decodeBit(in, inOff, inEnd, DELTA_REP1, S_DELTA_REP0 + 1, NUM_REP_PROBS);
            }
            if (afterDelta) {
                rep++;
            }
        }
        long pair;
        if (rep < 0) {
            int power = decodeSymbol(in, inOff, inEnd, DELTA_POWER, DELTA_POWER_TABLE_BITS);
            int slot = decodeSymbol(in, inOff, inEnd, DELTA_OFFSET, DELTA_OFFSET_TABLE_BITS);
            int raw = LzmsSlots.OFFSET_BASE[slot] + decodeExtraBits(in, inOff, inEnd, LzmsSlots.OFFSET_EXTRA[slot]);
            pair = ((long) power << 32) | raw;
            rep = NUM_REPS;
        } else {
            pair = reps[rep];
        }
        for (; rep > 0; rep--) {
            reps[rep] = reps[rep - 1];
        }
        reps[0] = pair;
        int slot = decodeSymbol(in, inOff, inEnd, LENGTH, LENGTH_TABLE_BITS);
        int length = LzmsSlots.LENGTH_BASE[slot] + decodeExtraBits(in, inOff, inEnd, LzmsSlots.LENGTH_EXTRA[slot]);

        int power = (int) (pair >>> 32);
        long offset = (pair & 0xFFFFFFFFL) << power;
        int span = 1 << power;
        if (offset + span > op - outOff || length > outEnd - op) {
            throw badMatch(offset + span > op - outOff, q, inEnd - inOff);
        }
        // Each byte is the one offset back plus the change over span there.
        int end = op + length;
        for (int src = op - (int) offset; op < end; op++, src++) {
            out[op] = (byte) (out[src] + out[op - span] - out[src - span]);
        }
        return end;
    }

    /** One range-decoded decision on the field state (the out-of-line path's copy of the loop's). */
    private int decodeBit(byte[] in, int inOff, int inEnd, int cls, int stateIndex, int numProbs)
            throws CorruptChunkException {
        if ((rc >>> 48) == 0) {
            rc = (rc << 16) | nextWord(in, rp, inEnd, inOff);
            rp += 2;
        }
        int st = states[stateIndex];
        long h = probs[cls + st];
        long bound = (rc >>> (32 + PROBABILITY_BITS)) * probability(h);
        int bit = (rc & 0xFFFFFFFFL) < bound ? 0 : 1;
        rc = bit == 0 ? (bound << 32) | (rc & 0xFFFFFFFFL) : rc - bound * 0x100000001L;
        probs[cls + st] = (h << 1) | bit;
        states[stateIndex] = ((st << 1) | bit) & (numProbs - 1);
        return bit;
    }

    /** One Huffman symbol of code {@code c} on the field state, counted for its rebuild. */
    private int decodeSymbol(byte[] in, int inOff, int inEnd, int c, int tableBits) throws CorruptChunkException {
        LzmsAdaptiveCode code = codes[c];
        int e = lookup(code.table, tableBits, peek(in, inOff, inEnd, q));
        q += e & 0xFF;
        int sym = e >>> 8;
        code.freqs[sym]++;
        if (--untilRebuild[c] == 0) {
            due |= 1 << c;
        }
        return sym;
    }

    private int decodeExtraBits(byte[] in, int inOff, int inEnd, int n) throws CorruptChunkException {
        if (n == 0) {
            return 0; // no peek: a peek must be followed by at least one bit consumed
        }
        int v = topBits(peek(in, inOff, inEnd, q), n);
        q += n;
        return v;
    }

    private static CorruptChunkException badMatch(boolean beforeStart, long q, int inLen) {
        // The byte holding the last backward-stream bit read: the end of the offending item.
        long at = Math.max(0, Math.min(inLen - 1, inLen - 1 - ((q - 1) >>> 3)));
        return new CorruptChunkException(beforeStart
                ? "LZMS match reaches before the start of the chunk"
                : "LZMS match runs past the end of the chunk", at);
    }
}
