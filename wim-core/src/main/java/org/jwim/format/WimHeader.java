package org.jwim.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.io.WimPart;

/**
 * The 208-byte header at the start of every WIM file (and, for pipable WIMs, a complete copy at
 * the end). Immutable; {@link #read} rejects anything wimlib would refuse.
 */
public record WimHeader(
        boolean pipable,
        int version,
        int flags,
        int chunkSize,
        byte[] guid,
        int partNumber,
        int totalParts,
        int imageCount,
        ResourceHeader blobTable,
        ResourceHeader xmlData,
        ResourceHeader bootMetadata,
        int bootIndex,
        ResourceHeader integrityTable) {

    /** Size of the header on disk. */
    public static final int SIZE = 208;

    public static final byte[] MAGIC = "MSWIM\0\0\0".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] PIPABLE_MAGIC = "WLPWM\0\0\0".getBytes(StandardCharsets.US_ASCII);

    /** Version of ordinary WIMs. */
    public static final int VERSION_DEFAULT = 0x10D00;
    /** Version of WIMs with solid resources or LZMS ("ESD"). */
    public static final int VERSION_SOLID = 0xE00;

    public static final int FLAG_RESERVED = 0x00000001;
    public static final int FLAG_COMPRESSION = 0x00000002;
    public static final int FLAG_READONLY = 0x00000004;
    public static final int FLAG_SPANNED = 0x00000008;
    public static final int FLAG_RESOURCE_ONLY = 0x00000010;
    public static final int FLAG_METADATA_ONLY = 0x00000020;
    public static final int FLAG_WRITE_IN_PROGRESS = 0x00000040;
    public static final int FLAG_RP_FIX = 0x00000080;
    public static final int FLAG_COMPRESS_RESERVED = 0x00010000;
    public static final int FLAG_COMPRESS_XPRESS = 0x00020000;
    public static final int FLAG_COMPRESS_LZX = 0x00040000;
    public static final int FLAG_COMPRESS_LZMS = 0x00080000;
    public static final int FLAG_COMPRESS_XPRESS_2 = 0x00200000;

    /** Upper bound on images wimlib accepts; keeps per-image arrays small. */
    public static final int MAX_IMAGES = 0x7FFFFFFF / 4;

    /**
     * Reads and checks the header of {@code part}; for a pipable WIM whose front header carries no
     * resource headers (as wimlib writes it), the complete copy at the end of the file is used.
     *
     * @param warnings receives non-fatal oddities (as wimlib prints warnings), may be null
     */
    public static WimHeader read(WimPart part, List<String> warnings) throws IOException {
        if (part.size() < SIZE) {
            throw new WimFormatException(part.path(), 0, "file of " + part.size()
                    + " bytes is too small to hold a WIM header (" + SIZE + " bytes)");
        }
        byte[] b = part.read(0, SIZE, "WIM header");
        WimHeader h = parse(part, 0, b, warnings);
        if (h.pipable && h.blobTable.isEmpty() && h.xmlData.isEmpty()) {
            long at = part.size() - SIZE;
            byte[] tail = part.read(at, SIZE, "trailing header of pipable WIM");
            WimHeader t = parse(part, at, tail, warnings);
            if (!t.pipable) {
                throw new WimFormatException(part.path(), at, "pipable WIM does not end with a pipable header");
            }
            h = t;
        }
        return h;
    }

    /** Parses and checks 208 header bytes read from {@code at} in {@code part}. */
    public static WimHeader parse(WimPart part, long at, byte[] b, List<String> warnings) throws WimFormatException {
        byte[] magic = Arrays.copyOf(b, 8);
        boolean pipable;
        if (Arrays.equals(magic, MAGIC)) {
            pipable = false;
        } else if (Arrays.equals(magic, PIPABLE_MAGIC)) {
            pipable = true;
        } else {
            throw new WimFormatException(part.path(), at, "not a WIM file: bad magic " + HexFormat.of().formatHex(magic)
                    + " (expected \"MSWIM\\0\\0\\0\" or \"WLPWM\\0\\0\\0\")");
        }
        int headerSize = LittleEndian.getInt(b, 0x08);
        if (headerSize != SIZE) {
            throw new WimFormatException(part.path(), at + 0x08, "header size is " + Integer.toUnsignedString(headerSize)
                    + ", expected " + SIZE);
        }
        int version = LittleEndian.getInt(b, 0x0C);
        if (version != VERSION_DEFAULT && version != VERSION_SOLID) {
            throw new WimFormatException(part.path(), at + 0x0C, "unsupported WIM version 0x" + Integer.toHexString(version)
                    + " (supported: 0x10d00, 0xe00)");
        }
        int flags = LittleEndian.getInt(b, 0x10);
        int chunkSize = LittleEndian.getInt(b, 0x14);
        byte[] guid = Arrays.copyOfRange(b, 0x18, 0x28);
        int partNumber = LittleEndian.getU16(b, 0x28);
        int totalParts = LittleEndian.getU16(b, 0x2A);
        int imageCount = LittleEndian.getInt(b, 0x2C);
        ResourceHeader blobTable = ResourceHeader.read(b, 0x30);
        ResourceHeader xml = ResourceHeader.read(b, 0x48);
        ResourceHeader boot = ResourceHeader.read(b, 0x60);
        int bootIndex = LittleEndian.getInt(b, 0x78);
        ResourceHeader integrity = ResourceHeader.read(b, 0x7C);

        WimHeader h = new WimHeader(pipable, version, flags, chunkSize, guid, partNumber, totalParts, imageCount,
                blobTable, xml, boot, bootIndex, integrity);
        CompressionType type = h.compressionType(part, at);
        if (type != CompressionType.NONE && !type.isValidChunkSize(Integer.toUnsignedLong(chunkSize))) {
            throw new WimFormatException(part.path(), at + 0x14, "invalid chunk size " + Integer.toUnsignedString(chunkSize)
                    + " for " + type + " compression (must be a power of two from " + type.minChunkSize() + " to "
                    + type.maxChunkSize() + ")");
        }
        if (partNumber < 1 || totalParts < 1 || partNumber > totalParts) {
            throw new WimFormatException(part.path(), at + 0x28, "invalid part number " + partNumber + " of " + totalParts);
        }
        if (imageCount < 0 || imageCount > MAX_IMAGES) {
            throw new WimFormatException(part.path(), at + 0x2C, "absurd image count " + Integer.toUnsignedString(imageCount));
        }
        if (Integer.compareUnsigned(bootIndex, imageCount) > 0) {
            if (warnings != null) {
                warnings.add("boot index " + Integer.toUnsignedString(bootIndex) + " is beyond the " + imageCount
                        + " images; ignoring it");
            }
            h = h.withBootIndex(0);
        }
        return h;
    }

    private CompressionType compressionType(WimPart part, long at) throws WimFormatException {
        int known = FLAG_COMPRESS_XPRESS | FLAG_COMPRESS_XPRESS_2 | FLAG_COMPRESS_LZX | FLAG_COMPRESS_LZMS;
        if ((flags & FLAG_COMPRESSION) != 0 && (flags & known) == 0) {
            throw new WimFormatException(part.path(), at + 0x10, "compressed WIM names no known compression type (flags 0x"
                    + Integer.toHexString(flags) + ")");
        }
        return compressionType();
    }

    /** The WIM's compression type (what non-solid compressed resources use). */
    public CompressionType compressionType() {
        if ((flags & FLAG_COMPRESSION) == 0) {
            return CompressionType.NONE;
        }
        if ((flags & FLAG_COMPRESS_LZMS) != 0) {
            return CompressionType.LZMS;
        }
        if ((flags & (FLAG_COMPRESS_XPRESS | FLAG_COMPRESS_XPRESS_2)) != 0) {
            return CompressionType.XPRESS;
        }
        return CompressionType.LZX;
    }

    public WimHeader withBootIndex(int index) {
        return new WimHeader(pipable, version, flags, chunkSize, guid, partNumber, totalParts, imageCount, blobTable,
                xmlData, bootMetadata, index, integrityTable);
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** The GUID as 32 lower-case hex digits in file byte order (as wimlib-imagex prints it). */
    public String guidHex() {
        return HexFormat.of().formatHex(guid);
    }

    /** Names of the set flags, as wimlib-imagex prints them ("WIM_HDR_FLAG_COMPRESSION", ...). */
    public List<String> flagNames() {
        String[][] names = {
            {"1", "WIM_HDR_FLAG_RESERVED"}, {"2", "WIM_HDR_FLAG_COMPRESSION"}, {"4", "WIM_HDR_FLAG_READONLY"},
            {"8", "WIM_HDR_FLAG_SPANNED"}, {"16", "WIM_HDR_FLAG_RESOURCE_ONLY"}, {"32", "WIM_HDR_FLAG_METADATA_ONLY"},
            {"64", "WIM_HDR_FLAG_WRITE_IN_PROGRESS"}, {"128", "WIM_HDR_FLAG_RP_FIX"},
            {"65536", "WIM_HDR_FLAG_COMPRESS_RESERVED"}, {"131072", "WIM_HDR_FLAG_COMPRESS_XPRESS"},
            {"262144", "WIM_HDR_FLAG_COMPRESS_LZX"}, {"524288", "WIM_HDR_FLAG_COMPRESS_LZMS"},
            {"2097152", "WIM_HDR_FLAG_COMPRESS_XPRESS_2"},
        };
        List<String> l = new ArrayList<>();
        for (String[] n : names) {
            if ((flags & Integer.parseInt(n[0])) != 0) {
                l.add(n[1]);
            }
        }
        return l;
    }

    /** The 208 bytes of this header. */
    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        System.arraycopy(pipable ? PIPABLE_MAGIC : MAGIC, 0, b, 0, 8);
        LittleEndian.putInt(b, 0x08, SIZE);
        LittleEndian.putInt(b, 0x0C, version);
        LittleEndian.putInt(b, 0x10, flags);
        LittleEndian.putInt(b, 0x14, chunkSize);
        System.arraycopy(guid, 0, b, 0x18, 16);
        LittleEndian.putU16(b, 0x28, partNumber);
        LittleEndian.putU16(b, 0x2A, totalParts);
        LittleEndian.putInt(b, 0x2C, imageCount);
        blobTable.write(b, 0x30);
        xmlData.write(b, 0x48);
        bootMetadata.write(b, 0x60);
        LittleEndian.putInt(b, 0x78, bootIndex);
        integrityTable.write(b, 0x7C);
        return b;
    }
}
