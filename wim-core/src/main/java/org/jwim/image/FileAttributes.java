package org.jwim.image;

import java.util.ArrayList;
import java.util.List;

/** The Windows FILE_ATTRIBUTE_* bits a dentry stores. */
public final class FileAttributes {
    public static final int READONLY = 0x1;
    public static final int HIDDEN = 0x2;
    public static final int SYSTEM = 0x4;
    public static final int DIRECTORY = 0x10;
    public static final int ARCHIVE = 0x20;
    public static final int DEVICE = 0x40;
    public static final int NORMAL = 0x80;
    public static final int TEMPORARY = 0x100;
    public static final int SPARSE_FILE = 0x200;
    public static final int REPARSE_POINT = 0x400;
    public static final int COMPRESSED = 0x800;
    public static final int OFFLINE = 0x1000;
    public static final int NOT_CONTENT_INDEXED = 0x2000;
    public static final int ENCRYPTED = 0x4000;
    public static final int INTEGRITY_STREAM = 0x8000;
    public static final int VIRTUAL = 0x10000;
    public static final int NO_SCRUB_DATA = 0x20000;
    public static final int EA = 0x40000;

    private static final String[] NAMES = {
        "READONLY", "HIDDEN", "SYSTEM", null, "DIRECTORY", "ARCHIVE", "DEVICE", "NORMAL", "TEMPORARY", "SPARSE_FILE",
        "REPARSE_POINT", "COMPRESSED", "OFFLINE", "NOT_CONTENT_INDEXED", "ENCRYPTED", "INTEGRITY_STREAM", "VIRTUAL",
        "NO_SCRUB_DATA", "EA",
    };

    private FileAttributes() {
    }

    /** "FILE_ATTRIBUTE_..." names of the set bits, lowest first, as wimlib-imagex dir --detailed lists them. */
    public static List<String> names(int attributes) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i] != null && (attributes & (1 << i)) != 0) {
                l.add("FILE_ATTRIBUTE_" + NAMES[i]);
            }
        }
        return l;
    }
}
