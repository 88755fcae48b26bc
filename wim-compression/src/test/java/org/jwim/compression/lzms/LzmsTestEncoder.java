package org.jwim.compression.lzms;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.compression.huffman.HuffmanCodeBuilder;

/**
 * Test-only LZMS writer for crafted chunks: the caller says item by item what to code (a literal,
 * an LZ or delta match with an explicit offset, or a repeat index exactly as coded), and this
 * writes the range-coded decisions, Huffman symbols and extra bits with the same adaptive state a
 * decoder keeps.
 *
 * <p>It also works out the data the items stand for ({@link #expected}), before the x86 filter,
 * with the repeat queues kept the way wimlib's decoder keeps them (a pending offset inserted one
 * item late), which is a different formulation from the one {@link LzmsDecompressor} uses: the
 * two must agree. Items must be valid for that (offsets within the data so far).
 *
 * <p>Written from the format notes (14.3) and wimlib's encoder structure: an LZMA-style range
 * encoder with 16-bit units whose first unit is a dummy, flushed with four shifts; a backward bit
 * writer flushed to a whole word; the backward words moved next to the forward ones.
 */
final class LzmsTestEncoder {
    private static final int MAIN = 0;
    private static final int MATCH = 16;
    private static final int LZ = 48;
    private static final int DELTA = 112;
    private static final int LZ_REP = 176;
    private static final int DELTA_REP = 304;
    private static final int NUM_PROBS = 432;

    private final long[] probs = new long[NUM_PROBS];
    private int mainState;
    private int matchState;
    private int lzState;
    private int deltaState;
    private final int[] lzRepStates = new int[2];
    private final int[] deltaRepStates = new int[2];

    private final Code literal;
    private final Code lzOffset;
    private final Code length;
    private final Code deltaOffset;
    private final Code deltaPower;

    // Range encoder.
    private long low;
    private long range = 0xFFFFFFFFL;
    private int cache;
    private long cacheSize = 1;
    private boolean dummyPending = true;
    private final List<Integer> forward = new ArrayList<>();

    // Backward bit writer.
    private long bitBuf;
    private int bitCount;
    private final List<Integer> backward = new ArrayList<>();

    // The data so far, and the repeat queues as wimlib's decoder keeps them.
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final RepeatQueue lzQueue = new RepeatQueue();
    private final RepeatQueue deltaQueue = new RepeatQueue();
    private int lastKind; // 0 literal or none, 1 LZ, 2 delta

    /** Counts of what was written, for tests that want to prove a path was taken. */
    int literals;
    int explicitLz;
    int repeatLz;
    int explicitDelta;
    int repeatDelta;

    /** The chunk size the codes are made for: the decoded size must be this. */
    final int outLen;
    private final boolean trackData;

    /** A writer for a chunk that will be decoded to {@code outLen} bytes. */
    LzmsTestEncoder(int outLen) {
        this(outLen, true);
    }

    /**
     * @param trackData whether to keep {@link #expected} (huge chunks: the test checks the output
     *                  itself)
     */
    LzmsTestEncoder(int outLen, boolean trackData) {
        this.outLen = outLen;
        this.trackData = trackData;
        Arrays.fill(probs, 0x0000000055555555L);
        int slots = Math.max(2, LzmsSlots.numOffsetSlots(outLen));
        HuffmanCodeBuilder builder = new HuffmanCodeBuilder(LzmsSlots.NUM_OFFSET_SLOTS, 15);
        literal = new Code(256, 1024, builder);
        lzOffset = new Code(slots, 1024, builder);
        length = new Code(LzmsSlots.NUM_LENGTH_SLOTS, 512, builder);
        deltaOffset = new Code(slots, 1024, builder);
        deltaPower = new Code(8, 512, builder);
    }

    LzmsTestEncoder literal(int b) {
        bit(MAIN, 0);
        literal.write(b);
        literals++;
        if (trackData) {
            data.write(b);
        }
        lastKind = 0;
        return this;
    }

    LzmsTestEncoder literals(byte[] bytes) {
        for (byte b : bytes) {
            literal(b & 0xFF);
        }
        return this;
    }

    /** An LZ match with an explicit offset. */
    LzmsTestEncoder lz(long offset, long len) {
        bit(MAIN, 1);
        bit(MATCH, 0);
        bit(LZ, 0);
        int slot = LzmsSlots.offsetSlot(offset);
        lzOffset.write(slot);
        writeBits(offset - LzmsSlots.OFFSET_BASE[slot], LzmsSlots.OFFSET_EXTRA[slot]);
        length(len);
        explicitLz++;
        lzData(-1, offset, len);
        return this;
    }

    /** An LZ match coded as repeat index {@code index} (0..2). */
    LzmsTestEncoder lzRep(int index, long len) {
        bit(MAIN, 1);
        bit(MATCH, 0);
        bit(LZ, 1);
        repIndex(LZ_REP, index);
        length(len);
        repeatLz++;
        lzData(index, 0, len);
        return this;
    }

    /** A delta match with an explicit power (span {@code 2^power}) and raw offset. */
    LzmsTestEncoder delta(int power, long rawOffset, long len) {
        bit(MAIN, 1);
        bit(MATCH, 1);
        bit(DELTA, 0);
        deltaPower.write(power);
        int slot = LzmsSlots.offsetSlot(rawOffset);
        deltaOffset.write(slot);
        writeBits(rawOffset - LzmsSlots.OFFSET_BASE[slot], LzmsSlots.OFFSET_EXTRA[slot]);
        length(len);
        explicitDelta++;
        deltaData(-1, ((long) power << 32) | rawOffset, len);
        return this;
    }

    /** A delta match coded as repeat index {@code index} (0..2). */
    LzmsTestEncoder deltaRep(int index, long len) {
        bit(MAIN, 1);
        bit(MATCH, 1);
        bit(DELTA, 1);
        repIndex(DELTA_REP, index);
        length(len);
        repeatDelta++;
        deltaData(index, 0, len);
        return this;
    }

    /**
     * A repeat queue kept the way wimlib's decoder keeps it: the last match's source waits outside
     * the queue until the next item, and goes in front then.
     */
    private static final class RepeatQueue {
        private final long[] recent = {1, 2, 3, 4};
        private long pending;

        /** The source of a match of this kind: {@code explicit}, or repeat entry {@code index}. */
        long use(int index, long explicit, boolean sameKindJustBefore) {
            if (pending != 0 && !sameKindJustBefore) {
                pushFront(pending);
                pending = 0;
            }
            long source = explicit;
            if (index >= 0) {
                source = recent[index];
                System.arraycopy(recent, index + 1, recent, index, recent.length - 1 - index);
            }
            if (pending != 0) {
                pushFront(pending);
            }
            pending = source;
            return source;
        }

        private void pushFront(long v) {
            System.arraycopy(recent, 0, recent, 1, recent.length - 1);
            recent[0] = v;
        }
    }

    private void lzData(int index, long offset, long len) {
        long off = lzQueue.use(index, offset, lastKind == 1);
        lastKind = 1;
        if (trackData) {
            extend(len, (d, i) -> d[(int) (i - off)]);
        }
    }

    private void deltaData(int index, long pair, long len) {
        long p = deltaQueue.use(index, pair, lastKind == 2);
        lastKind = 2;
        if (trackData) {
            int power = (int) (p >>> 32);
            long offset = (p & 0xFFFFFFFFL) << power;
            int span = 1 << power;
            extend(len, (d, i) -> (byte) (d[(int) (i - offset)] + d[i - span] - d[(int) (i - offset - span)]));
        }
    }

    /** Appends {@code len} bytes, each computed from the data before it. */
    private void extend(long len, ByteRule rule) {
        int at = data.size();
        byte[] d = Arrays.copyOf(data.toByteArray(), (int) (at + len));
        for (int i = at; i < at + len; i++) {
            d[i] = rule.at(d, i);
        }
        data.write(d, at, (int) len);
    }

    private interface ByteRule {
        byte at(byte[] d, int i);
    }

    /** The data the items written so far stand for, before the x86 filter is undone. */
    byte[] expected() {
        if (!trackData) {
            throw new IllegalStateException("not tracking the data");
        }
        return data.toByteArray();
    }

    private void repIndex(int base, int index) {
        for (int i = 0; i < 2; i++) {
            int b = index > i ? 1 : 0;
            bit(base + 64 * i, b);
            if (b == 0) {
                return;
            }
        }
    }

    private void length(long len) {
        int slot = LzmsSlots.lengthSlot(len);
        length.write(slot);
        writeBits(len - LzmsSlots.LENGTH_BASE[slot], LzmsSlots.LENGTH_EXTRA[slot]);
    }

    /** Codes one decision of the class starting at {@code base} with its state. */
    private void bit(int base, int b) {
        int state;
        int mask;
        if (base == MAIN) {
            state = mainState;
            mask = 15;
        } else if (base == MATCH) {
            state = matchState;
            mask = 31;
        } else if (base == LZ) {
            state = lzState;
            mask = 63;
        } else if (base == DELTA) {
            state = deltaState;
            mask = 63;
        } else if (base < DELTA_REP) {
            state = lzRepStates[(base - LZ_REP) / 64];
            mask = 63;
        } else {
            state = deltaRepStates[(base - DELTA_REP) / 64];
            mask = 63;
        }
        long h = probs[base + state];
        int p = Math.min(63, Math.max(1, 64 - Long.bitCount(h)));
        probs[base + state] = (h << 1) | b;
        encodeBit(p, b);
        int next = ((state << 1) | b) & mask;
        if (base == MAIN) {
            mainState = next;
        } else if (base == MATCH) {
            matchState = next;
        } else if (base == LZ) {
            lzState = next;
        } else if (base == DELTA) {
            deltaState = next;
        } else if (base < DELTA_REP) {
            lzRepStates[(base - LZ_REP) / 64] = next;
        } else {
            deltaRepStates[(base - DELTA_REP) / 64] = next;
        }
    }

    private void encodeBit(int p, int b) {
        if (range <= 0xFFFF) {
            range <<= 16;
            shiftLow();
        }
        long bound = (range >>> 6) * p;
        if (b == 0) {
            range = bound;
        } else {
            low += bound;
            range -= bound;
        }
    }

    private void shiftLow() {
        if ((low & 0xFFFFFFFFL) < 0xFFFF0000L || (low >>> 32) != 0) {
            int carry = (int) (low >>> 32);
            int unit = cache;
            do {
                if (dummyPending) {
                    dummyPending = false;
                } else {
                    forward.add((unit + carry) & 0xFFFF);
                }
                unit = 0xFFFF;
            } while (--cacheSize != 0);
            cache = (int) ((low >>> 16) & 0xFFFF);
        }
        cacheSize++;
        low = (low & 0xFFFF) << 16;
    }

    private void writeBits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            bitBuf = (bitBuf << 1) | ((value >>> i) & 1);
            if (++bitCount == 16) {
                backward.add((int) bitBuf & 0xFFFF);
                bitBuf = 0;
                bitCount = 0;
            }
        }
    }

    /** Flushes both streams and lays them out: forward words, then the backward words reversed. */
    byte[] finish() {
        for (int i = 0; i < 4; i++) {
            shiftLow();
        }
        if (bitCount > 0) {
            backward.add((int) (bitBuf << (16 - bitCount)) & 0xFFFF);
            bitCount = 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int w : forward) {
            out.write(w);
            out.write(w >>> 8);
        }
        for (int i = backward.size() - 1; i >= 0; i--) {
            int w = backward.get(i);
            out.write(w);
            out.write(w >>> 8);
        }
        return out.toByteArray();
    }

    /** An adaptive Huffman code on the writing side. */
    private final class Code {
        final int numSymbols;
        final int rebuildInterval;
        final int[] freqs;
        final byte[] lens;
        final int[] codewords;
        final HuffmanCodeBuilder builder;
        int untilRebuild;

        Code(int numSymbols, int rebuildInterval, HuffmanCodeBuilder builder) {
            this.numSymbols = numSymbols;
            this.rebuildInterval = rebuildInterval;
            this.freqs = new int[numSymbols];
            this.lens = new byte[numSymbols];
            this.codewords = new int[numSymbols];
            this.builder = builder;
            Arrays.fill(freqs, 1);
            builder.build(numSymbols, freqs, lens, codewords);
            untilRebuild = rebuildInterval;
        }

        void write(int sym) {
            if (sym >= numSymbols || lens[sym] == 0) {
                throw new IllegalArgumentException("symbol " + sym + " not in this code");
            }
            writeBits(codewords[sym], lens[sym]);
            freqs[sym]++;
            if (--untilRebuild == 0) {
                builder.build(numSymbols, freqs, lens, codewords);
                for (int s = 0; s < numSymbols; s++) {
                    freqs[s] = (freqs[s] >>> 1) + 1;
                }
                untilRebuild = rebuildInterval;
            }
        }
    }
}
