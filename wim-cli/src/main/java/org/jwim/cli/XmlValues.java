package org.jwim.cli;


/**
 * Reads XML property values the way wimlib does, so that {@code jwim info} prints what
 * wimlib-imagex prints: numbers parse as C's {@code strtoull} (anything left over, a blank
 * included, makes them 0), times are HIGHPART and LOWPART hexadecimal halves.
 */
final class XmlValues {
    private XmlValues() {
    }

    /** The text of the element at {@code path} below {@code e}, or null. */
    static String text(WimlibXml.Node e, String path) {
        return e == null ? null : e.text(path);
    }

    /** The unsigned number at {@code path} (decimal), 0 when absent or not a whole number. */
    static long number(WimlibXml.Node e, String path) {
        return parse(text(e, path), 10);
    }

    /** The FILETIME at {@code path} built from its HIGHPART and LOWPART children, 0 when absent. */
    static long time(WimlibXml.Node e, String path) {
        WimlibXml.Node t = e == null ? null : e.find(path);
        if (t == null) {
            return 0;
        }
        long v = 0;
        for (WimlibXml.Node c : t.children) {
            if (c.name.equals("HIGHPART")) {
                v |= parse(c.text, 16) << 32;
            } else if (c.name.equals("LOWPART")) {
                v |= parse(c.text, 16);
            }
        }
        return v;
    }

    /**
     * C's {@code strtoull(s, &end, base)} accepted only when it consumes the whole string and the
     * value is not the overflow sentinel: leading blanks and a sign are allowed (a minus negates
     * modulo 2^64), base 16 allows a "0x" prefix. Returns the value as an unsigned long, 0 on failure.
     */
    static long parse(String s, int base) {
        if (s == null) {
            return 0;
        }
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (base == 16 && (s.startsWith("0x", i) || s.startsWith("0X", i)) && i + 2 < n
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        int start = i;
        long v = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 0x7F) {
                break;
            }
            long next = v * base + d;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, base)) > 0) {
                overflow = true;
            }
            v = next;
        }
        if (i == start || i != n || overflow) {
            return 0;
        }
        v = negative ? -v : v;
        return v == -1L ? 0 : v;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
