package org.jwim.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands the {@code --ref GLOB} arguments as the shell's glob(3) would, relative to the current
 * directory: '*', '?', '[...]' and '{a,b}' in any path component, '*' not matching a leading dot,
 * matches sorted. A glob that matches nothing is an error, as in wimlib-imagex.
 */
final class RefGlobs {
    private RefGlobs() {
    }

    /** Every file the globs name, in argument order then name order, without repeats. */
    static List<Path> expand(List<String> globs) {
        Set<Path> out = new LinkedHashSet<>();
        for (String g : globs) {
            List<Path> matches = expand(g);
            if (matches.isEmpty()) {
                throw CliException.failure("--ref \"" + g + "\" matches no file");
            }
            out.addAll(matches);
        }
        return new ArrayList<>(out);
    }

    /** The files one glob names (a name without wildcards names itself when it exists). */
    static List<Path> expand(String glob) {
        if (!hasWildcard(glob)) {
            Path p = Path.of(glob);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        boolean absolute = glob.startsWith("/");
        String[] parts = glob.split("/+");
        List<Path> current = new ArrayList<>();
        current.add(absolute ? Path.of("/") : null);
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(part)) {
                    Path p = dir == null ? Path.of(part) : dir.resolve(part);
                    if (Files.exists(p)) {
                        next.add(p);
                    }
                    continue;
                }
                next.addAll(list(dir, part));
            }
            current = next;
        }
        current.removeIf(p -> p == null || !Files.isRegularFile(p));
        return current;
    }

    private static List<Path> list(Path dir, String pattern) {
        Path d = dir == null ? Path.of("") : dir;
        List<Path> l = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d.toString().isEmpty() ? Path.of(".") : d, pattern)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !pattern.startsWith(".")) {
                    continue;
                }
                l.add(dir == null ? Path.of(name) : dir.resolve(name));
            }
        } catch (IOException e) {
            return List.of();
        }
        l.sort(null);
        return l;
    }

    private static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }
}
