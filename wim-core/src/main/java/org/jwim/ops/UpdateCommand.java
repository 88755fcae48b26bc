package org.jwim.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to an image's files, as {@code wimlib-imagex update} reads them: {@code add [OPTION...]
 * SOURCE DESTINATION}, {@code delete [--force] [--recursive] PATH}, {@code rename OLD NEW}.
 */
public sealed interface UpdateCommand {
    /**
     * Adds a file or directory tree of the local file system at {@code target} in the image (a
     * directory onto an existing directory merges into it; a file replaces a file unless
     * {@code noReplace}; missing parent directories are created).
     *
     * @param capture how to scan {@code source} (UNIX data, dereferencing links, exclusions)
     */
    record Add(Path source, String target, Capture.Options capture, boolean noReplace) implements UpdateCommand {
    }

    /** Deletes a file, or with {@code recursive} a directory tree; with {@code force} a missing path is no error. */
    record Delete(String path, boolean force, boolean recursive) implements UpdateCommand {
    }

    /** Renames (moves) a file or directory tree, with POSIX rename's rules. */
    record Rename(String from, String to) implements UpdateCommand {
    }

    /** Options given on the command line for every add or delete command. */
    record Defaults(Capture.Options capture, boolean noReplace, boolean force, boolean recursive) {
        public static Defaults none() {
            return new Defaults(Capture.Options.defaults(), false, false, false);
        }
    }

    /**
     * Parses commands, one a line, as wimlib-imagex does: arguments separated by blanks, quoted with
     * "..." or '...' when they hold blanks; blank lines and lines starting with '#' are skipped;
     * command names in any case; options start with "--".
     *
     * @throws IllegalArgumentException naming the line of the first malformed command
     */
    static List<UpdateCommand> parse(String text, Defaults defaults) {
        List<UpdateCommand> cmds = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            cmds.add(parseLine(line, i + 1, defaults));
        }
        return cmds;
    }

    /** One command line ({@code lineNumber} for messages). */
    static UpdateCommand parseLine(String line, int lineNumber, Defaults defaults) {
        List<String> words = words(line, lineNumber);
        String name = words.get(0).toLowerCase(java.util.Locale.ROOT);
        int wanted = switch (name) {
            case "add", "rename" -> 2;
            case "delete" -> 1;
            default -> throw new IllegalArgumentException("unknown update command \"" + words.get(0) + "\" on line "
                    + lineNumber + " (expected add, delete or rename)");
        };
        Capture.Options capture = defaults.capture();
        boolean noReplace = defaults.noReplace();
        boolean force = defaults.force();
        boolean recursive = defaults.recursive();
        List<String> args = new ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            if (!w.startsWith("--")) {
                if (args.size() == wanted) {
                    throw new IllegalArgumentException("unexpected argument \"" + w + "\" in update command on line "
                            + lineNumber + " (the \"" + name + "\" command takes " + wanted + " arguments)");
                }
                args.add(w);
                continue;
            }
            boolean known = true;
            switch (name + " " + w) {
                case "add --unix-data" -> capture = capture.withUnixData(true);
                case "add --dereference" -> capture = capture.withDereference(true);
                case "add --no-replace" -> noReplace = true;
                case "add --verbose", "add --no-acls", "add --noacls", "add --strict-acls" -> {
                    // Nothing to do on Linux: no ACLs are captured, and no per-file listing.
                }
                case "delete --force" -> force = true;
                case "delete --recursive" -> recursive = true;
                default -> known = false;
            }
            if (!known) {
                throw new IllegalArgumentException("unrecognized option \"" + w + "\" to update command \"" + name
                        + "\" on line " + lineNumber);
            }
        }
        if (args.size() != wanted) {
            throw new IllegalArgumentException("not enough arguments to update command \"" + name + "\" on line "
                    + lineNumber);
        }
        return switch (name) {
            case "add" -> new Add(Path.of(args.get(0)), args.get(1), capture, noReplace);
            case "delete" -> new Delete(args.get(0), force, recursive);
            default -> new Rename(args.get(0), args.get(1));
        };
    }

    private static List<String> words(String line, int lineNumber) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("missing closing quote (" + c + ") on line " + lineNumber);
                }
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                words.add(line.substring(i, end));
                i = end;
            }
        }
        return words;
    }
}
