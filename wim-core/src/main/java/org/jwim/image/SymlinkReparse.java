package org.jwim.image;

import java.nio.charset.StandardCharsets;
import org.jwim.compression.LittleEndian;

/**
 * Builds the reparse data (without its 8-byte header) of a symbolic link from a UNIX link target,
 * as wimlib does: '/' and '\' swapped; a relative target becomes a relative symlink; an absolute
 * one gets the dummy device prefix "\??\C:" (print name "C:..."), so that Windows and reparse
 * point fix-ups can resolve it.
 */
public final class SymlinkReparse {
    private static final int SYMLINK_FLAG_RELATIVE = 1;

    private SymlinkReparse() {
    }

    /** The reparse data for a link to {@code target} (absolute when it starts with '/' or is empty). */
    public static byte[] forUnixTarget(String target) {
        StringBuilder b = new StringBuilder(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            b.append(c == '/' ? '\\' : c == '\\' ? '/' : c);
        }
        String t = b.toString();
        boolean absolute = t.isEmpty() || t.charAt(0) == '\\';
        String substitute = absolute ? "\\??\\C:" + t : t;
        String print = absolute ? "C:" + t : t;
        return build(substitute, print, absolute ? 0 : SYMLINK_FLAG_RELATIVE);
    }

    /** Symlink reparse data with the given names and flags: substitute name first, each name NUL-terminated. */
    static byte[] build(String substitute, String print, int flags) {
        byte[] s = substitute.getBytes(StandardCharsets.UTF_16LE);
        byte[] p = print.getBytes(StandardCharsets.UTF_16LE);
        byte[] d = new byte[12 + s.length + 2 + p.length + 2];
        LittleEndian.putU16(d, 0, 0);
        LittleEndian.putU16(d, 2, s.length);
        LittleEndian.putU16(d, 4, s.length + 2);
        LittleEndian.putU16(d, 6, p.length);
        LittleEndian.putInt(d, 8, flags);
        System.arraycopy(s, 0, d, 12, s.length);
        System.arraycopy(p, 0, d, 12 + s.length + 2, p.length);
        return d;
    }
}
