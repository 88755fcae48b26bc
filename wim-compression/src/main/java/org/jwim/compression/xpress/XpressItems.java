package org.jwim.compression.xpress;

import static org.jwim.compression.xpress.XpressDecompressor.MIN_MATCH_LEN;
import static org.jwim.compression.xpress.XpressDecompressor.NUM_CHARS;

/**
 * The parse of a chunk as the writer takes it: one int per item. A literal is its byte in the
 * high half and 0 in the low half; a match is its length minus 3 in the high half and its offset
 * (1 to 65535, never 0) in the low half. Chunks are at most 65536 bytes, so a match is at most
 * 65535 long and both halves fit.
 */
final class XpressItems {
    /** Length headers run 0 to 15; 15 means the length goes on in raw bytes. */
    static final int LEN_HDR_MAX = 15;
    /** The adjusted length (length - 3) from which the raw byte is 255 and a raw u16 follows. */
    static final int ADJUSTED_LEN_U16 = LEN_HDR_MAX + 0xFF;

    /**
     * The end-of-data symbol 256 that wimlib writes after the last item and Microsoft's decoder
     * expects, as an item: symbol 256 is the header of a length-3 match with no offset bits.
     */
    static final int END_OF_DATA = match(MIN_MATCH_LEN, 1);

    private XpressItems() {
    }

    static int literal(int b) {
        return b << 16;
    }

    static int match(int length, int offset) {
        return (length - MIN_MATCH_LEN) << 16 | offset;
    }

    static boolean isLiteral(int item) {
        return (item & 0xFFFF) == 0;
    }

    /** The number of extra offset bits: the offset's highest set bit, whose value is implied. */
    static int offsetBits(int offset) {
        return 31 - Integer.numberOfLeadingZeros(offset);
    }

    /** The Huffman symbol of a match of length {@code adjustedLength + 3} at {@code offset}. */
    static int matchSymbol(int adjustedLength, int offset) {
        return NUM_CHARS + (offsetBits(offset) << 4 | Math.min(adjustedLength, LEN_HDR_MAX));
    }

    /** The raw bytes that carry the rest of a long match's length: 0, 1 or 3. */
    static int rawLengthBytes(int adjustedLength) {
        if (adjustedLength < LEN_HDR_MAX) {
            return 0;
        }
        return adjustedLength < ADJUSTED_LEN_U16 ? 1 : 3;
    }
}
