package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.ALIGNEDCODE_ELEMENT_SIZE;
import static org.jwim.compression.lzx.LzxConstants.ALIGNEDCODE_NUM_SYMBOLS;
import static org.jwim.compression.lzx.LzxConstants.BLOCKTYPE_ALIGNED;
import static org.jwim.compression.lzx.LzxConstants.BLOCKTYPE_VERBATIM;
import static org.jwim.compression.lzx.LzxConstants.DEFAULT_BLOCK_SIZE;
import static org.jwim.compression.lzx.LzxConstants.EXTRA_BITS;
import static org.jwim.compression.lzx.LzxConstants.LENCODE_NUM_SYMBOLS;
import static org.jwim.compression.lzx.LzxConstants.NUM_ALIGNED_OFFSET_BITS;
import static org.jwim.compression.lzx.LzxConstants.NUM_CHARS;
import static org.jwim.compression.lzx.LzxConstants.NUM_LEN_HEADERS;
import static org.jwim.compression.lzx.LzxConstants.SLOT_BASE;

import java.util.Arrays;
import org.jwim.compression.huffman.HuffmanCodeBuilder;

/**
 * Turns a block's symbol counts into its Huffman codes and writes the block: type and size,
 * the aligned code if any, the main and length code lengths (as changes from the previous
 * block's), then the sequences.
 *
 * <p>Parsers count symbols into {@link #mainFreqs}, {@link #lengthFreqs} and
 * {@link #alignedFreqs} (the aligned symbol of every explicit offset of slot 8 or more, that is
 * with 3 or more extra bits). A block is written aligned-offset when its aligned code saves more
 * bits than its 24-bit description costs, else verbatim.
 *
 * <p>Codes are complete or empty, as wimlib's decoder requires: a lone used symbol gets symbol 0
 * (or 1) as its partner. Codeword lengths are kept to 16 (main), 12 (length) and 7 (aligned)
 * bits, like wimlib's; the shorter length code limit keeps a match's main and length codewords
 * and extra bits within one 48-bit write.
 */
final class LzxBlockWriter {
    static final int MAIN_CODEWORD_LIMIT = 16;
    static final int LENGTH_CODEWORD_LIMIT = 12;
    static final int ALIGNED_CODEWORD_LIMIT = 7;
    /** First offset slot with 3 or more extra bits: the aligned code covers its low 3. */
    static final int MIN_ALIGNED_SLOT = 8;
    /** First formatted offset of {@link #MIN_ALIGNED_SLOT}. */
    static final int MIN_ALIGNED_FORMATTED_OFFSET = 16;

    private final int windowOrder;
    final int numMainSymbols;

    final int[] mainFreqs;
    final int[] lengthFreqs = new int[LENCODE_NUM_SYMBOLS];
    final int[] alignedFreqs = new int[ALIGNEDCODE_NUM_SYMBOLS];

    /** The codes of the block being written, valid after {@link #buildCodes}. */
    final byte[] mainLens;
    final byte[] lengthLens = new byte[LENCODE_NUM_SYMBOLS];
    final byte[] alignedLens = new byte[ALIGNEDCODE_NUM_SYMBOLS];
    private final int[] mainCodewords;
    private final int[] lengthCodewords = new int[LENCODE_NUM_SYMBOLS];
    private final int[] alignedCodewords = new int[ALIGNEDCODE_NUM_SYMBOLS];
    /** The previous block's lengths, which the new ones are written against (zeros in a chunk's first block). */
    private final byte[] prevMainLens;
    private final byte[] prevLengthLens = new byte[LENCODE_NUM_SYMBOLS];

    private final HuffmanCodeBuilder mainBuilder;
    private final HuffmanCodeBuilder lengthBuilder = new HuffmanCodeBuilder(LENCODE_NUM_SYMBOLS, LENGTH_CODEWORD_LIMIT);
    private final HuffmanCodeBuilder alignedBuilder =
            new HuffmanCodeBuilder(ALIGNEDCODE_NUM_SYMBOLS, ALIGNED_CODEWORD_LIMIT);
    private final LzxCodeLengthWriter codeLengthWriter;
    /** Blocks of the current chunk written so far, and how many were aligned-offset ones (tests read them). */
    int blocks;
    int alignedBlocks;

    LzxBlockWriter(int windowOrder) {
        this.windowOrder = windowOrder;
        this.numMainSymbols = LzxConstants.numMainSymbols(windowOrder);
        this.mainFreqs = new int[numMainSymbols];
        this.mainLens = new byte[numMainSymbols];
        this.mainCodewords = new int[numMainSymbols];
        this.prevMainLens = new byte[numMainSymbols];
        this.mainBuilder = new HuffmanCodeBuilder(numMainSymbols, MAIN_CODEWORD_LIMIT);
        this.codeLengthWriter = new LzxCodeLengthWriter(numMainSymbols);
    }

    /** A chunk starts: the first block's lengths are written against zeros. */
    void startChunk() {
        blocks = 0;
        alignedBlocks = 0;
        Arrays.fill(prevMainLens, (byte) 0);
        Arrays.fill(prevLengthLens, (byte) 0);
    }

    void clearFrequencies() {
        Arrays.fill(mainFreqs, 0);
        Arrays.fill(lengthFreqs, 0);
        Arrays.fill(alignedFreqs, 0);
    }

    /** The main symbol of a match: its offset slot and length header. */
    static int mainSymbol(int slot, int length) {
        return NUM_CHARS + slot * NUM_LEN_HEADERS + Math.min(length - LzxConstants.MIN_MATCH_LEN,
                LzxConstants.NUM_PRIMARY_LENS);
    }

    /**
     * Counts a match's main symbol, length symbol and aligned symbol.
     *
     * @return its main symbol
     */
    int countMatch(int length, int formattedOffset) {
        int sym = mainSymbol(LzxOffsetSlots.slot(formattedOffset), length);
        mainFreqs[sym]++;
        if (length >= LzxConstants.MIN_MATCH_LEN + LzxConstants.NUM_PRIMARY_LENS) {
            lengthFreqs[length - LzxConstants.MIN_MATCH_LEN - LzxConstants.NUM_PRIMARY_LENS]++;
        }
        if (formattedOffset >= MIN_ALIGNED_FORMATTED_OFFSET) {
            alignedFreqs[formattedOffset & 7]++;
        }
        return sym;
    }

    /** Builds the block's codes from the counts. */
    void buildCodes() {
        mainBuilder.build(numMainSymbols, mainFreqs, mainLens, mainCodewords);
        lengthBuilder.build(LENCODE_NUM_SYMBOLS, lengthFreqs, lengthLens, lengthCodewords);
        alignedBuilder.build(ALIGNEDCODE_NUM_SYMBOLS, alignedFreqs, alignedLens, alignedCodewords);
    }

    /**
     * Builds the codes and writes the block {@code data[blockStart, blockStart + blockSize)} made
     * of the sequences from {@code first} on.
     */
    void writeBlock(LzxBitOutput out, byte[] data, int blockStart, int blockSize, LzxSequences seqs, int first) {
        buildCodes();
        final boolean aligned = alignedPays();
        blocks++;
        alignedBlocks += aligned ? 1 : 0;
        out.write(aligned ? BLOCKTYPE_ALIGNED : BLOCKTYPE_VERBATIM, 3);
        if (blockSize == DEFAULT_BLOCK_SIZE) {
            out.write(1, 1);
        } else {
            out.write(0, 1);
            if (windowOrder >= 16) {
                out.write(blockSize >>> 8, 16);
                out.write(blockSize & 0xFF, 8);
            } else {
                out.write(blockSize, 16);
            }
        }
        if (aligned) {
            for (int i = 0; i < ALIGNEDCODE_NUM_SYMBOLS; i++) {
                out.add(alignedLens[i], ALIGNEDCODE_ELEMENT_SIZE);
            }
            out.flush();
        }
        codeLengthWriter.write(out, mainLens, prevMainLens, 0, NUM_CHARS);
        codeLengthWriter.write(out, mainLens, prevMainLens, NUM_CHARS, numMainSymbols - NUM_CHARS);
        codeLengthWriter.write(out, lengthLens, prevLengthLens, 0, LENCODE_NUM_SYMBOLS);
        writeSequences(out, data, blockStart, seqs, first, aligned);
        System.arraycopy(mainLens, 0, prevMainLens, 0, numMainSymbols);
        System.arraycopy(lengthLens, 0, prevLengthLens, 0, LENCODE_NUM_SYMBOLS);
    }

    /** Whether the aligned code, with its 24 bits of lengths, costs less than 3 plain bits per aligned symbol. */
    private boolean alignedPays() {
        long verbatim = 0;
        long aligned = (long) ALIGNEDCODE_ELEMENT_SIZE * ALIGNEDCODE_NUM_SYMBOLS;
        for (int i = 0; i < ALIGNEDCODE_NUM_SYMBOLS; i++) {
            verbatim += (long) NUM_ALIGNED_OFFSET_BITS * alignedFreqs[i];
            aligned += (long) alignedLens[i] * alignedFreqs[i];
        }
        return aligned < verbatim;
    }

    private void writeSequences(LzxBitOutput out, byte[] data, int p, LzxSequences seqs, int first,
            boolean aligned) {
        final int[] runAndLength = seqs.runAndLength;
        final int[] offsetAndSymbol = seqs.offsetAndSymbol;
        final byte[] mainLens = this.mainLens;
        final int[] mainCodewords = this.mainCodewords;
        final int minAlignedSlot = aligned ? MIN_ALIGNED_SLOT : Integer.MAX_VALUE;
        for (int s = first;; s++) {
            final int rl = runAndLength[s];
            int run = rl >>> LzxSequences.LENGTH_BITS;
            final int length = rl & LzxSequences.LENGTH_MASK;
            // Three literals of up to 16 bits fit one 48-bit write.
            for (; run >= 3; run -= 3) {
                int a = data[p] & 0xFF;
                int b = data[p + 1] & 0xFF;
                int c = data[p + 2] & 0xFF;
                out.add(mainCodewords[a], mainLens[a]);
                out.add(mainCodewords[b], mainLens[b]);
                out.add(mainCodewords[c], mainLens[c]);
                out.flush();
                p += 3;
            }
            for (; run > 0; run--) {
                int a = data[p++] & 0xFF;
                out.add(mainCodewords[a], mainLens[a]);
            }
            out.flush();
            if (length == 0) {
                return;
            }
            p += length;
            final int os = offsetAndSymbol[s];
            final int sym = os & LzxSequences.SYMBOL_MASK;
            final int formatted = os >>> LzxSequences.SYMBOL_BITS;
            out.add(mainCodewords[sym], mainLens[sym]);
            if (length >= LzxConstants.MIN_MATCH_LEN + LzxConstants.NUM_PRIMARY_LENS) {
                int l = length - LzxConstants.MIN_MATCH_LEN - LzxConstants.NUM_PRIMARY_LENS;
                out.add(lengthCodewords[l], lengthLens[l]);
            }
            out.flush();
            final int slot = (sym - NUM_CHARS) / NUM_LEN_HEADERS;
            final int extra = EXTRA_BITS[slot];
            final int extraValue = formatted - SLOT_BASE[slot];
            if (slot >= minAlignedSlot) {
                out.add(extraValue >>> NUM_ALIGNED_OFFSET_BITS, extra - NUM_ALIGNED_OFFSET_BITS);
                int a = formatted & 7;
                out.add(alignedCodewords[a], alignedLens[a]);
            } else if (extra > 0) {
                out.add(extraValue, extra);
            }
            out.flush();
        }
    }
}
