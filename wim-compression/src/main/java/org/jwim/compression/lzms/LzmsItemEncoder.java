package org.jwim.compression.lzms;

import static org.jwim.compression.lzms.LzmsDecisions.COST_SHIFT;
import static org.jwim.compression.lzms.LzmsDecisions.DELTA;
import static org.jwim.compression.lzms.LzmsDecisions.DELTA_REP0;
import static org.jwim.compression.lzms.LzmsDecisions.DELTA_REP1;
import static org.jwim.compression.lzms.LzmsDecisions.LZ;
import static org.jwim.compression.lzms.LzmsDecisions.LZ_REP0;
import static org.jwim.compression.lzms.LzmsDecisions.LZ_REP1;
import static org.jwim.compression.lzms.LzmsDecisions.MAIN;
import static org.jwim.compression.lzms.LzmsDecisions.MATCH;

import java.util.Arrays;
import org.jwim.compression.huffman.HuffmanCodeBuilder;

/**
 * Writes LZMS items (literals, LZ and delta matches) into both streams of a chunk, keeping the
 * adaptive state a decoder keeps: decision states and probability entries, the five adaptive
 * Huffman codes. Parsers choose the items and price them from the state kept here ({@link #probs},
 * the codes' lengths, {@link #lengthCost}); the repeat queues are theirs to keep, so repeat
 * matches come with the index as coded.
 */
final class LzmsItemEncoder {
    static final int NUM_LITERAL_SYMS = 256;
    static final int NUM_DELTA_POWER_SYMS = 8;

    final long[] probs = new long[LzmsDecisions.NUM_PROBS];
    /** The decision states, packed as in {@link LzmsDecisions}. */
    long states;
    final LzmsEncodeCode literalCode;
    final LzmsEncodeCode lzOffsetCode;
    final LzmsEncodeCode lengthCode;
    final LzmsEncodeCode deltaOffsetCode;
    final LzmsEncodeCode deltaPowerCode;
    /**
     * Cost of each match length up to {@link LzmsSlotLookup#MAX_FAST_LENGTH} with the current
     * length code (slot codeword and extra bits), refreshed at each rebuild.
     */
    final int[] lengthCost = new int[LzmsSlotLookup.MAX_FAST_LENGTH + 1];

    private final LzmsRangeEncoder rc = new LzmsRangeEncoder();
    private final LzmsBitWriter bits = new LzmsBitWriter();
    private byte[] out;
    private int outOff;
    private int outEnd;

    LzmsItemEncoder(int maxChunkSize) {
        int maxOffsetSyms = Math.max(2, LzmsSlots.numOffsetSlots(maxChunkSize));
        HuffmanCodeBuilder builder = new HuffmanCodeBuilder(Math.max(NUM_LITERAL_SYMS, maxOffsetSyms),
                LzmsAdaptiveCode.MAX_CODEWORD_LENGTH);
        literalCode = new LzmsEncodeCode(NUM_LITERAL_SYMS, 1024, builder);
        lzOffsetCode = new LzmsEncodeCode(maxOffsetSyms, 1024, builder);
        lengthCode = new LzmsEncodeCode(LzmsSlots.NUM_LENGTH_SLOTS, 512, builder);
        deltaOffsetCode = new LzmsEncodeCode(maxOffsetSyms, 1024, builder);
        deltaPowerCode = new LzmsEncodeCode(NUM_DELTA_POWER_SYMS, 512, builder);
    }

    /** Starts a chunk of {@code size} bytes to be written into {@code out[off, end)}. */
    void reset(int size, byte[] out, int off, int end) {
        this.out = out;
        this.outOff = off;
        this.outEnd = end;
        rc.reset(out, off, end);
        bits.reset(out, off, end);
        Arrays.fill(probs, LzmsDecisions.INITIAL_HISTORY);
        states = 0;
        // As the decoder: alphabets of at least two symbols.
        int offsetSyms = Math.max(2, LzmsSlots.numOffsetSlots(size));
        literalCode.reset(NUM_LITERAL_SYMS);
        lzOffsetCode.reset(offsetSyms);
        lengthCode.reset(LzmsSlots.NUM_LENGTH_SLOTS);
        deltaOffsetCode.reset(offsetSyms);
        deltaPowerCode.reset(NUM_DELTA_POWER_SYMS);
        refreshLengthCosts();
    }

    /** Whether the streams already need more room than there is. */
    boolean overflowed() {
        return rc.overflowed() || bits.overflowed() || rc.position() > bits.position();
    }

    /**
     * Flushes both streams and moves the backward one next to the forward one.
     *
     * @return the chunk's compressed size, or -1 if it does not fit
     */
    int finish() {
        bits.flush();
        rc.flush();
        int fwdEnd = rc.position();
        int bwdStart = bits.position();
        if (rc.overflowed() || bits.overflowed() || fwdEnd > bwdStart) {
            return -1;
        }
        System.arraycopy(out, bwdStart, out, fwdEnd, outEnd - bwdStart);
        return fwdEnd - outOff + outEnd - bwdStart;
    }

    private void bit(int cls, int bit) {
        int e = LzmsDecisions.entry(states, cls);
        long h = probs[e];
        rc.encode(bit, LzmsDecisions.probability(h));
        probs[e] = (h << 1) | bit;
        states = LzmsDecisions.push(states, cls, bit);
    }

    private void symbol(LzmsEncodeCode code, int sym) {
        bits.write(code.codewords[sym], code.lens[sym]);
        code.count(sym);
    }

    void literal(int b) {
        bit(MAIN, 0);
        symbol(literalCode, b);
    }

    /** An LZ match with an explicit offset. */
    void lzMatch(int offset, int length) {
        bit(MAIN, 1);
        bit(MATCH, 0);
        bit(LZ, 0);
        int slot = LzmsSlotLookup.offsetSlot(offset);
        symbol(lzOffsetCode, slot);
        bits.write(offset - LzmsSlots.OFFSET_BASE[slot], LzmsSlots.OFFSET_EXTRA[slot]);
        length(length);
    }

    /** An LZ match repeating an offset, {@code index} (0 to 2) as coded. */
    void lzRepeat(int index, int length) {
        bit(MAIN, 1);
        bit(MATCH, 0);
        bit(LZ, 1);
        repeatIndex(index, LZ_REP0, LZ_REP1);
        length(length);
    }

    /** A delta match with an explicit power and raw offset (the offset is {@code raw << power}). */
    void deltaMatch(int power, int raw, int length) {
        bit(MAIN, 1);
        bit(MATCH, 1);
        bit(DELTA, 0);
        symbol(deltaPowerCode, power);
        int slot = LzmsSlotLookup.offsetSlot(raw);
        symbol(deltaOffsetCode, slot);
        bits.write(raw - LzmsSlots.OFFSET_BASE[slot], LzmsSlots.OFFSET_EXTRA[slot]);
        length(length);
    }

    /** A delta match repeating a (power, offset) pair, {@code index} (0 to 2) as coded. */
    void deltaRepeat(int index, int length) {
        bit(MAIN, 1);
        bit(MATCH, 1);
        bit(DELTA, 1);
        repeatIndex(index, DELTA_REP0, DELTA_REP1);
        length(length);
    }

    private void repeatIndex(int index, int rep0, int rep1) {
        if (index == 0) {
            bit(rep0, 0);
        } else {
            bit(rep0, 1);
            bit(rep1, index - 1);
        }
    }

    private void length(int length) {
        int slot = LzmsSlotLookup.lengthSlot(length);
        bits.write(lengthCode.codewords[slot], lengthCode.lens[slot]);
        if (lengthCode.count(slot)) {
            refreshLengthCosts();
        }
        bits.write(length - LzmsSlots.LENGTH_BASE[slot], LzmsSlots.LENGTH_EXTRA[slot]);
    }

    private void refreshLengthCosts() {
        final byte[] lens = lengthCode.lens;
        for (int len = 1; len <= LzmsSlotLookup.MAX_FAST_LENGTH; len++) {
            int slot = LzmsSlotLookup.lengthSlot(len);
            lengthCost[len] = (lens[slot] + LzmsSlots.LENGTH_EXTRA[slot]) << COST_SHIFT;
        }
    }

    /** Cost of coding a match length (its slot's codeword and extra bits). */
    int lengthCostOf(int length) {
        if (length <= LzmsSlotLookup.MAX_FAST_LENGTH) {
            return lengthCost[length];
        }
        int slot = LzmsSlots.lengthSlot(length);
        return (lengthCode.lens[slot] + LzmsSlots.LENGTH_EXTRA[slot]) << COST_SHIFT;
    }

    /** Cost of an LZ match's explicit offset (slot codeword and extra bits). */
    int lzOffsetCost(int offset) {
        int slot = LzmsSlotLookup.offsetSlot(offset);
        return (lzOffsetCode.lens[slot] + LzmsSlots.OFFSET_EXTRA[slot]) << COST_SHIFT;
    }

    /** Cost of a delta match's explicit power and raw offset. */
    int deltaSourceCost(int power, int raw) {
        int slot = LzmsSlotLookup.offsetSlot(raw);
        return (deltaPowerCode.lens[power] + deltaOffsetCode.lens[slot] + LzmsSlots.OFFSET_EXTRA[slot]) << COST_SHIFT;
    }

    /** Cost of a literal (main decision and codeword) with the given decision states. */
    int literalCost(long states, int b) {
        return LzmsDecisions.cost0(probs[LzmsDecisions.entry(states, MAIN)]) + (literalCode.lens[b] << COST_SHIFT);
    }

    /** Cost of one decision bit with the given decision states. */
    int bitCost(long states, int cls, int bit) {
        return LzmsDecisions.cost(probs[LzmsDecisions.entry(states, cls)], bit);
    }
}
