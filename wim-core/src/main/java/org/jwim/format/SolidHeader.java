package org.jwim.format;

import java.io.IOException;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.io.WimPart;

/**
 * The 16-byte header at the start of a solid resource: the real uncompressed size, the chunk size
 * and the compression format of its chunks (these override the WIM header's).
 */
public record SolidHeader(long uncompressedSize, int chunkSize, CompressionType type) {
    public static final int SIZE = 16;

    /** Reads and checks the header of the solid resource described by {@code r}. */
    public static SolidHeader read(WimPart part, ResourceHeader r) throws IOException {
        if (r.sizeInWim() < SIZE) {
            throw new WimFormatException(part.path(), r.offset(), "solid resource of " + r.sizeInWim()
                    + " bytes is too small for its header");
        }
        byte[] b = part.read(r.offset(), SIZE, "solid resource header");
        long usize = LittleEndian.getLong(b, 0);
        int chunkSize = LittleEndian.getInt(b, 8);
        int format = LittleEndian.getInt(b, 12);
        CompressionType type = CompressionType.fromSolidFormat(format);
        if (type == null) {
            throw new WimFormatException(part.path(), r.offset() + 12, "unknown solid compression format " + format);
        }
        if (chunkSize <= 0 || Integer.bitCount(chunkSize) != 1
                || (type != CompressionType.NONE && !type.isValidChunkSize(chunkSize))) {
            throw new WimFormatException(part.path(), r.offset() + 8, "invalid solid chunk size "
                    + Integer.toUnsignedString(chunkSize) + " for " + type);
        }
        if (usize < 0) {
            throw new WimFormatException(part.path(), r.offset(), "absurd solid resource size " + Long.toUnsignedString(usize));
        }
        return new SolidHeader(usize, chunkSize, type);
    }
}
