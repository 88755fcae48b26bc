package org.jwim.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Image;
import org.jwim.image.Dentry;

/**
 * The paths of an extract, as wimlib-imagex extract reads them: absolute image paths with '/' or
 * '\' between names (the leading separator optional), matched case-sensitively; by default each is
 * a pattern where '*' matches any run of characters within one name and '?' one character.
 */
public final class ExtractPaths {
    /** How paths are matched. */
    public enum Matching {
        /** Each path is taken literally; a missing one is an error ({@code --no-globs}). */
        LITERAL,
        /** Wildcards; a pattern matching nothing is an error (the default). */
        GLOB,
        /** Wildcards; a pattern matching nothing is only warned of ({@code --nullglob}). */
        NULL_GLOB
    }

    private ExtractPaths() {
    }

    /** The dentries {@code path} names (none when nothing matches). */
    static List<Dentry> match(Image image, String path, Matching matching) throws IOException {
        List<String> parts = components(path);
        List<Dentry> current = new ArrayList<>(List.of(image.root()));
        for (String part : parts) {
            List<Dentry> next = new ArrayList<>();
            for (Dentry d : current) {
                if (matching == Matching.LITERAL || !hasWildcard(part)) {
                    Dentry c = d.child(part);
                    if (c != null) {
                        next.add(c);
                    }
                } else {
                    for (Dentry c : d.children()) {
                        if (wildcardMatch(c.name(), part)) {
                            next.add(c);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** The names of a path, '/' and '\' both separating, empty names (repeated separators) dropped. */
    static List<String> components(String path) {
        List<String> l = new ArrayList<>();
        for (String s : path.replace('\\', '/').split("/")) {
            if (!s.isEmpty()) {
                l.add(s);
            }
        }
        return l;
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** Whether {@code name} matches {@code pattern} ('*': any run of characters, '?': one character). */
    static boolean wildcardMatch(String name, String pattern) {
        int n = 0;
        int p = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                n++;
                p++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
            } else if (starP >= 0) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * The paths in a list file: UTF-8, or UTF-16LE with its byte-order mark; one per line, leading
     * and trailing blanks ignored, empty lines and lines starting with ';' or '#' skipped.
     */
    public static List<String> readListFile(byte[] content) {
        String text;
        if (content.length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE) {
            text = new String(content, 2, content.length - 2, StandardCharsets.UTF_16LE);
        } else if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF) {
            text = new String(content, 3, content.length - 3, StandardCharsets.UTF_8);
        } else {
            text = new String(content, StandardCharsets.UTF_8);
        }
        List<String> paths = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && s.charAt(0) != ';' && s.charAt(0) != '#') {
                paths.add(s);
            }
        }
        return paths;
    }
}
