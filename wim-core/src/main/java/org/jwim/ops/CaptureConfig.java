package org.jwim.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A capture configuration file as wimlib and DISM's WimScript.ini have it: an
 * {@code [ExclusionList]} of patterns whose files are left out and an {@code [ExclusionException]}
 * list that brings files back. A pattern starting with '/' (or '\', or a drive letter) is matched
 * against the path from the capture root; any other pattern against the file name alone. '*' and
 * '?' do not cross '/'. Matching ignores case, as on Windows.
 */
public final class CaptureConfig {
    /** A compiled pattern; anchored ones match the whole path from the capture root. */
    private record Glob(Pattern regex, boolean anchored) {
    }

    private final List<Glob> exclusions;
    private final List<Glob> exceptions;
    private final List<String> exclusionPatterns;

    private CaptureConfig(List<String> exclusions, List<String> exceptions) {
        this.exclusionPatterns = List.copyOf(exclusions);
        this.exclusions = exclusions.stream().map(CaptureConfig::compile).toList();
        this.exceptions = exceptions.stream().map(CaptureConfig::compile).toList();
    }

    /** Excludes nothing. */
    public static CaptureConfig none() {
        return new CaptureConfig(List.of(), List.of());
    }

    public static CaptureConfig of(List<String> exclusions, List<String> exceptions) {
        return new CaptureConfig(exclusions, exceptions);
    }

    /** Reads a configuration file (UTF-8 or UTF-16 with a byte-order mark). */
    public static CaptureConfig read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String text;
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            text = new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        } else {
            text = new String(b, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        List<String> excl = new ArrayList<>();
        List<String> exc = new ArrayList<>();
        List<String> current = null;
        int lineNo = 0;
        for (String raw : text.split("\r?\n|\r")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                current = switch (section) {
                    case "exclusionlist" -> excl;
                    case "exclusionexception" -> exc;
                    // Sections wimlib reads but that do not change what is captured.
                    case "compressionexclusionlist", "alignmentlist", "prepopulatelist" -> new ArrayList<>();
                    default -> throw new IOException(file + " line " + lineNo + ": unknown section [" + section + "]");
                };
                continue;
            }
            if (current == null) {
                throw new IOException(file + " line " + lineNo + ": pattern outside of any section");
            }
            current.add(line);
        }
        return new CaptureConfig(excl, exc);
    }

    /** Whether the file at {@code imagePath} ("/a/b", from the capture root) is left out. */
    public boolean excludes(String imagePath) {
        return matchesAny(exclusions, imagePath) && !matchesAny(exceptions, imagePath);
    }

    public boolean isEmpty() {
        return exclusionPatterns.isEmpty();
    }

    private static boolean matchesAny(List<Glob> patterns, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (Glob g : patterns) {
            if (g.regex().matcher(g.anchored() ? path : name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Glob compile(String pattern) {
        String p = pattern.replace('\\', '/');
        if (p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0))) {
            p = p.substring(2);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(Pattern.compile(re.append('$').toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                p.startsWith("/"));
    }
}
