package org.jwim.image;

/**
 * An item of a dentry's extra data: {@code u32 tag, u32 length, data, padding to 8}. Unknown tags
 * are kept so a rewrite gives them back byte for byte.
 */
public record TaggedItem(int tag, byte[] data) {
    /** NTFS object id. */
    public static final int TAG_OBJECT_ID = 0x00000001;
    /** Extended attributes in WIMGAPI's format. */
    public static final int TAG_XATTRS = 0x00000002;
    /** wimlib's UNIX uid, gid, mode and rdev. */
    public static final int TAG_WIMLIB_UNIX_DATA = 0x337DD873;
    /** wimlib's old Linux extended attributes. */
    public static final int TAG_WIMLIB_LINUX_XATTRS = 0x337DD874;
}
