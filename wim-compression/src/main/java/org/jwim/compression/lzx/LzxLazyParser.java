package org.jwim.compression.lzx;

import static org.jwim.compression.lzx.LzxConstants.MAX_MATCH_LEN;
import static org.jwim.compression.lzx.LzxConstants.OFFSET_ADJUSTMENT;

import org.jwim.compression.LittleEndian;
import org.jwim.compression.matchfinder.HashChains32;
import org.jwim.compression.matchfinder.MatchLength;

/**
 * The fast levels' parse: hash chains and one step of lazy evaluation.
 *
 * <p>At each position the longest match of 3 or more is looked up, and the longest match at one
 * of the recent offsets (cheap to code: no offset bits, and a main symbol of slot 0-2). Each is
 * scored by its length, plus 3 for a repeat, plus 1 or 2 for an explicit offset under 4096 or
 * 256. The better one is taken at once when it reaches the nice length; otherwise the next
 * position is searched the same way, and if it scores higher a literal is written and the parse
 * moves on to it. A lone 3-byte match far away (8 KiB or more) costs more than its literals and
 * is left. Blocks end where {@link LzxBlockSplitter} sees the data change, or at about 100 000
 * bytes.
 */
final class LzxLazyParser implements LzxParser {
    /** Explicit 3-byte matches this far or farther cost more than three literals. */
    private static final int FAR_THREE = 8192;
    private static final int REPEAT_BONUS = 3;

    private final int niceLen;
    private final int maxDepth;
    private final HashChains32 chains;
    private final LzxBlockWriter writer;
    private final LzxSequences seqs;
    private final LzxBlockSplitter splitter = new LzxBlockSplitter();

    private int r0;
    private int r1;
    private int r2;
    /** Set by {@link #longestRepeat}: which recent offset, 0-2. */
    private int repeatIndex;
    /** Parse state of the block being built. */
    private int seqCount;
    private int literalRun;

    LzxLazyParser(int maxChunkSize, int level, LzxBlockWriter writer) {
        this.niceLen = Math.min(MAX_MATCH_LEN, 80 * level / 20);
        this.maxDepth = Math.max(2, 60 * level / 20);
        this.chains = new HashChains32(maxChunkSize);
        this.writer = writer;
        this.seqs = new LzxSequences(Math.min(maxChunkSize, LzxBlockSplitter.SOFT_MAX_BLOCK_SIZE) + 2 * MAX_MATCH_LEN);
    }

    @Override
    public void parse(byte[] buf, int n, LzxBitOutput out) {
        chains.reset(n);
        r0 = 1;
        r1 = 1;
        r2 = 1;
        int pos = 0;
        while (pos < n && !out.overflowed()) {
            final int blockStart = pos;
            final int softEnd = pos + Math.min(LzxBlockSplitter.SOFT_MAX_BLOCK_SIZE, n - pos);
            writer.clearFrequencies();
            splitter.reset();
            seqCount = 0;
            literalRun = 0;
            do {
                pos = step(buf, pos, n);
            } while (pos < softEnd && !endBlockHere(blockStart, pos, n));
            seqs.runAndLength[seqCount] = literalRun << LzxSequences.LENGTH_BITS;
            writer.writeBlock(out, buf, blockStart, pos - blockStart, seqs, 0);
        }
    }

    private boolean endBlockHere(int blockStart, int pos, int n) {
        return splitter.checkDue() && pos - blockStart >= LzxBlockSplitter.MIN_BLOCK_SIZE
                && n - pos >= LzxBlockSplitter.MIN_BLOCK_SIZE && splitter.shouldEnd();
    }

    /** Chooses the item(s) at {@code pos}; returns the position after them. */
    private int step(byte[] buf, int pos, int n) {
        int maxLen = Math.min(MAX_MATCH_LEN, n - pos);
        int nice = Math.min(niceLen, maxLen);
        int len = chains.longestMatch(buf, pos, 2, maxLen, nice, maxDepth);
        int offset = chains.matchOffset();
        if (len < 3 || (len == 3 && offset >= FAR_THREE - OFFSET_ADJUSTMENT && !isRecent(offset))) {
            literal(buf[pos] & 0xFF);
            return pos + 1;
        }
        int formatted;
        int score;
        if (offset == r0) {
            // The match is already a repeat of the last offset: nothing scores higher.
            return match(buf, pos, len, 0, len - 1, n);
        }
        formatted = offset + OFFSET_ADJUSTMENT;
        score = explicitScore(len, formatted);
        int repLen = longestRepeat(buf, pos, maxLen);
        if (repLen > 0 && repLen + REPEAT_BONUS >= score) {
            return match(buf, pos, repLen, repeatIndex, repLen - 1, n);
        }
        // Lazy evaluation: while the next position holds a better match, emit a literal.
        for (;;) {
            if (len >= nice) {
                return match(buf, pos, len, formatted, len - 1, n);
            }
            int next = pos + 1;
            maxLen = Math.min(MAX_MATCH_LEN, n - next);
            nice = Math.min(niceLen, maxLen);
            int nextLen = chains.longestMatch(buf, next, len - 2, maxLen, nice, maxDepth / 2);
            if (nextLen <= len - 2) {
                return match(buf, pos, len, formatted, len - 2, n);
            }
            int nextFormatted = chains.matchOffset() + OFFSET_ADJUSTMENT;
            int nextScore = explicitScore(nextLen, nextFormatted);
            repLen = maxLen >= 3 ? longestRepeat(buf, next, maxLen) : 0;
            if (repLen > 0 && repLen + REPEAT_BONUS >= nextScore) {
                if (repLen + REPEAT_BONUS > score) {
                    literal(buf[pos] & 0xFF);
                    return match(buf, next, repLen, repeatIndex, repLen - 1, n);
                }
            } else if (nextScore > score) {
                literal(buf[pos] & 0xFF);
                pos = next;
                len = nextLen;
                formatted = nextFormatted;
                score = nextScore;
                continue;
            }
            return match(buf, pos, len, formatted, len - 2, n);
        }
    }

    private static int explicitScore(int len, int formatted) {
        int score = len;
        if (formatted < 4096) {
            score++;
        }
        if (formatted < 256) {
            score++;
        }
        return score;
    }

    private boolean isRecent(int offset) {
        return offset == r0 || offset == r1 || offset == r2;
    }

    /**
     * The longest match of 3 or more at a recent offset ({@link #repeatIndex} set to which), or 0.
     * The earliest of equal lengths wins: R0 is the cheapest to code.
     */
    private int longestRepeat(byte[] buf, int pos, int maxLen) {
        int seq3 = LittleEndian.getU16(buf, pos) | (buf[pos + 2] & 0xFF) << 16;
        int best = repeatLength(buf, pos, r0, maxLen, seq3);
        repeatIndex = 0;
        int l = repeatLength(buf, pos, r1, maxLen, seq3);
        if (l > best) {
            best = l;
            repeatIndex = 1;
        }
        l = repeatLength(buf, pos, r2, maxLen, seq3);
        if (l > best) {
            best = l;
            repeatIndex = 2;
        }
        return best;
    }

    private static int repeatLength(byte[] buf, int pos, int offset, int maxLen, int seq3) {
        int src = pos - offset;
        if (src < 0 || (LittleEndian.getU16(buf, src) | (buf[src + 2] & 0xFF) << 16) != seq3) {
            return 0;
        }
        return MatchLength.extend(buf, pos, src, 3, maxLen);
    }

    private void literal(int b) {
        writer.mainFreqs[b]++;
        splitter.literal(b);
        literalRun++;
    }

    /**
     * Records a match at {@code pos} ({@code formatted} 0-2 for a repeat, else offset + 2), whose
     * first {@code length - skip} positions the match finder has seen, and updates the recent
     * offsets.
     *
     * @return the position after the match
     */
    private int match(byte[] buf, int pos, int length, int formatted, int skip, int n) {
        splitter.match(length);
        int sym = writer.countMatch(length, formatted);
        seqs.runAndLength[seqCount] = literalRun << LzxSequences.LENGTH_BITS | length;
        seqs.offsetAndSymbol[seqCount] = formatted << LzxSequences.SYMBOL_BITS | sym;
        seqCount++;
        literalRun = 0;
        if (formatted == 1) {
            int t = r0;
            r0 = r1;
            r1 = t;
        } else if (formatted == 2) {
            int t = r0;
            r0 = r2;
            r2 = t;
        } else if (formatted > 2) {
            r2 = r1;
            r1 = r0;
            r0 = formatted - OFFSET_ADJUSTMENT;
        }
        int end = pos + length;
        chains.skip(buf, end - skip, skip);
        return end;
    }
}
