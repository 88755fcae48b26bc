package org.jwim.fs;

import org.jwim.image.ReparsePoint;
import org.jwim.image.SymlinkReparse;

/**
 * Symbolic-link targets as the file system shows them ('/'-separated; absolute ones from the
 * image's root) and as a WIM stores them (a symlink or junction reparse point, '\'-separated,
 * absolute ones under a drive, "\??\C:\dir", wimlib's form of a target inside the image).
 */
final class LinkTargets {
    private LinkTargets() {
    }

    /** Reparse data (without the 8-byte header) of a symlink to {@code target}. */
    static byte[] toReparseData(String target) {
        return SymlinkReparse.forUnixTarget(target);
    }

    /** The target of a decoded link as a path of the image, or null if {@code rp} is null. */
    static String fromReparsePoint(ReparsePoint rp) {
        if (rp == null) {
            return null;
        }
        String s = rp.substituteName();
        if (rp.relative()) {
            return s.replace('\\', '/');
        }
        if (s.startsWith("\\??\\")) {
            s = s.substring(4);
        }
        if (s.length() >= 2 && s.charAt(1) == ':' && Character.isLetter(s.charAt(0))) {
            s = s.substring(2);
        }
        s = s.replace('\\', '/');
        return s.startsWith("/") ? s : "/" + s;
    }
}
