package org.jwim.cli;

import org.jwim.Wim;

/**
 * An IMAGE argument resolved as wimlib-imagex resolves it: "all" or "*" (any case) for every image,
 * a positive decimal number for that index (no name lookup then, even when out of range), else an
 * image whose name is exactly the argument.
 */
final class ImageSelection {
    /** Every image. */
    static final int ALL = -1;
    /** No such image. */
    static final int NONE = 0;

    private ImageSelection() {
    }

    /** The 1-based index the argument names, {@link #ALL} or {@link #NONE}. */
    static int resolve(Wim wim, WimlibXml xml, String arg) {
        if (arg == null || arg.isEmpty()) {
            return NONE;
        }
        if (arg.equalsIgnoreCase("all") || arg.equals("*")) {
            return ALL;
        }
        Long number = parseDecimal(arg);
        if (number != null && number > 0) {
            return number > wim.imageCount() ? NONE : number.intValue();
        }
        for (int i = 1; i <= wim.imageCount(); i++) {
            if (arg.equals(XmlValues.text(xml.image(i), "NAME"))) {
                return i;
            }
        }
        return NONE;
    }

    static CliException notValid(String wimArg, String arg) {
        return CliException.usage("\"" + arg + "\" is not a valid image in \"" + wimArg
                + "\": give a 1-based image index or an image name (see 'jwim info \"" + wimArg + "\"')");
    }

    /** C's strtol over the whole string (leading blanks and a sign allowed), or null. Saturates like strtol. */
    private static Long parseDecimal(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (s.charAt(i) - '0');
        }
        if (i == start || i != s.length()) {
            return null;
        }
        return negative ? -v : v;
    }
}
