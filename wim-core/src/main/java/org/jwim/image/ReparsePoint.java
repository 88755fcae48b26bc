package org.jwim.image;

import java.nio.charset.StandardCharsets;
import org.jwim.compression.LittleEndian;

/**
 * A decoded symbolic link or junction (mount point) reparse point.
 *
 * @param tag            IO_REPARSE_TAG_SYMLINK or IO_REPARSE_TAG_MOUNT_POINT
 * @param substituteName the target as the system uses it (e.g. {@code \??\C:\dir})
 * @param printName      the target as shown to users
 * @param relative       SYMLINK_FLAG_RELATIVE (symlinks only)
 */
public record ReparsePoint(int tag, String substituteName, String printName, boolean relative) {
    public static final int TAG_MOUNT_POINT = 0xA0000003;
    public static final int TAG_SYMLINK = 0xA000000C;
    /** wimlib's reparse flag: the target was not rewritten by the RP_FIX fixup. */
    public static final int RP_NOT_FIXED = 0x0001;

    private static final int SYMLINK_FLAG_RELATIVE = 1;

    /**
     * Decodes reparse data as a WIM stores it (the buffer without its 8-byte header), or returns
     * null if it is not a well-formed symlink or junction.
     */
    public static ReparsePoint decode(int tag, byte[] data) {
        if (tag != TAG_SYMLINK && tag != TAG_MOUNT_POINT) {
            return null;
        }
        int header = tag == TAG_SYMLINK ? 12 : 8;
        if (data.length < header) {
            return null;
        }
        int subOff = LittleEndian.getU16(data, 0);
        int subLen = LittleEndian.getU16(data, 2);
        int printOff = LittleEndian.getU16(data, 4);
        int printLen = LittleEndian.getU16(data, 6);
        boolean relative = tag == TAG_SYMLINK && (LittleEndian.getInt(data, 8) & SYMLINK_FLAG_RELATIVE) != 0;
        int base = header;
        if ((subLen & 1) != 0 || (printLen & 1) != 0 || base + subOff + subLen > data.length
                || base + printOff + printLen > data.length) {
            return null;
        }
        String sub = new String(data, base + subOff, subLen, StandardCharsets.UTF_16LE);
        String print = new String(data, base + printOff, printLen, StandardCharsets.UTF_16LE);
        return new ReparsePoint(tag, sub, print, relative);
    }

    /** Whether it is a junction (mount point) rather than a symbolic link. */
    public boolean isJunction() {
        return tag == TAG_MOUNT_POINT;
    }
}
