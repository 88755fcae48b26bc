package org.jwim.ops;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Which names in an image can become one component of a Linux path below the target directory.
 * A WIM name is UTF-16 and may hold anything; a Linux name may not be empty, "." or "..", nor
 * hold '/' or NUL, and Java cannot write a name its file-name charset cannot encode (unpaired
 * surrogates always; anything outside its charset when the JVM does not encode file names as
 * UTF-8). A name that passes {@link #problem} can never point outside its parent directory.
 */
final class PathSafety {
    /** The charset the JVM encodes file names with (sun.jnu.encoding). */
    private static final Charset FILE_NAME_CHARSET = fileNameCharset();

    private PathSafety() {
    }

    private static Charset fileNameCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }

    /** Whether file names are written as UTF-8 (so every valid Unicode name can be written). */
    static boolean utf8FileNames() {
        return FILE_NAME_CHARSET.equals(StandardCharsets.UTF_8);
    }

    /** Why {@code name} cannot be a path component, or null when it can. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "an empty name";
        }
        if (name.equals(".") || name.equals("..")) {
            return "the name \"" + name + "\"";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                return "a '/' in its name";
            }
            if (c == '\0') {
                return "a NUL character in its name";
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(i + 1));
                if (!paired) {
                    return "an unpaired UTF-16 surrogate in its name";
                }
                i++;
            }
        }
        return null;
    }

    /**
     * Whether the JVM can write {@code name} (valid by {@link #problem}) as a file name: always when
     * it encodes file names as UTF-8, else only names its charset holds.
     */
    static boolean encodable(String name) {
        return utf8FileNames() || encoder().canEncode(name);
    }

    /** Why a name the image holds cannot be written by this JVM, to tell the user how to fix it. */
    static String encodingAdvice() {
        return "this JVM encodes file names as " + FILE_NAME_CHARSET + ", which cannot hold it: run Java in a UTF-8 "
                + "locale (LC_ALL=C.UTF-8) or with -Dsun.jnu.encoding=UTF-8 (the jwim launcher does so)";
    }

    private static CharsetEncoder encoder() {
        return FILE_NAME_CHARSET.newEncoder();
    }

    /**
     * A name Linux can hold standing for the invalid {@code name}, as wimlib's
     * --include-invalid-names makes it: bad characters become '?', then a numbered suffix.
     */
    static String replacement(String name, long sequence) {
        StringBuilder b = new StringBuilder(name.length() + 32);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (pairedHigh) {
                b.append(c).append(name.charAt(++i));
            } else if (c == '/' || c == '\0' || Character.isSurrogate(c)) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        String fixed = b.append(" (invalid filename #").append(sequence).append(')').toString();
        if (!utf8FileNames() && !encoder().canEncode(fixed)) {
            StringBuilder ascii = new StringBuilder();
            fixed.codePoints().forEach(cp -> ascii.append(cp < 0x80 ? (char) cp : '?'));
            fixed = ascii.toString();
        }
        return fixed;
    }
}
