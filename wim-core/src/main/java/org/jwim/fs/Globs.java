package org.jwim.fs;

import java.util.regex.PatternSyntaxException;

/** Turns the JDK's glob syntax ({@link java.nio.file.FileSystem#getPathMatcher}) into a regular expression. */
final class Globs {
    private Globs() {
    }

    /** The regular expression matching what {@code glob} matches, with '/' as the only separator. */
    static String toRegex(String glob) {
        StringBuilder r = new StringBuilder("^");
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (++i >= glob.length()) {
                        throw new PatternSyntaxException("no character to escape", glob, i - 1);
                    }
                    quote(r, glob.charAt(i));
                }
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        r.append(".*");
                        i++;
                    } else {
                        r.append("[^/]*");
                    }
                }
                case '?' -> r.append("[^/]");
                case '{' -> {
                    if (inGroup) {
                        throw new PatternSyntaxException("nested groups are not supported", glob, i);
                    }
                    r.append("(?:(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        r.append("))");
                        inGroup = false;
                    } else {
                        quote(r, c);
                    }
                }
                case ',' -> r.append(inGroup ? ")|(?:" : ",");
                case '[' -> i = bracket(glob, i, r);
                default -> quote(r, c);
            }
        }
        if (inGroup) {
            throw new PatternSyntaxException("missing '}'", glob, glob.length() - 1);
        }
        return r.append('$').toString();
    }

    private static int bracket(String glob, int at, StringBuilder r) {
        int end = glob.indexOf(']', at + 2);
        if (end < 0) {
            throw new PatternSyntaxException("missing ']'", glob, at);
        }
        r.append("[[^/]&&[");
        int i = at + 1;
        if (glob.charAt(i) == '!') {
            r.append('^');
            i++;
        }
        for (; i < end; i++) {
            char c = glob.charAt(i);
            if (c == '-') {
                r.append('-');
            } else {
                quote(r, c);
            }
        }
        r.append("]]");
        return end;
    }

    private static void quote(StringBuilder r, char c) {
        if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
            r.append('\\');
        }
        r.append(c);
    }
}
