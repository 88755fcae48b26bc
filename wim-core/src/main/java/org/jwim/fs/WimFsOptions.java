package org.jwim.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How a WIM file system is opened, from the {@code env} map of
 * {@link java.nio.file.FileSystems#newFileSystem(Path, Map)}:
 *
 * <ul>
 * <li>{@code image}: index (1-based) or name of the image; default 1</li>
 * <li>{@code readOnly}: "true" to refuse every change; default false (a file system with no
 *     changes writes nothing when closed)</li>
 * <li>{@code refs}: other parts of a split set, or WIMs a delta WIM refers to (a {@link Path},
 *     a String, or a collection of either); such a file system is read-only</li>
 * <li>{@code commit}: {@code append} (default: the changed image's new blobs and metadata go after
 *     the WIM's end, the header last) or {@code rebuild} (the WIM is then rewritten beside itself
 *     and renamed over, leaving no unused data)</li>
 * <li>{@code asNewImage}: "true" to commit the changed tree as a new image appended to the WIM
 *     instead of replacing the image (DISM's /Append)</li>
 * <li>{@code discard}: "true" to throw the changes away when closed</li>
 * <li>{@code check}: "true" to verify the WIM's integrity table when opening and to write one
 *     when committing</li>
 * <li>{@code tempDir}: where the scratch area for changed data goes (default: java.io.tmpdir)</li>
 * </ul>
 *
 * Values may be Strings or the natural type (Integer, Boolean, Path).
 */
public record WimFsOptions(String image, boolean readOnly, List<Path> refs, CommitMode commit, boolean asNewImage,
                           boolean discard, boolean check, Path tempDir) {

    /** How changes are written when the file system closes. */
    public enum CommitMode {
        /** New data and metadata after the end, header last (wimlib's and DISM's default). */
        APPEND,
        /** Append, then rewrite the WIM to drop what no image uses any more. */
        REBUILD
    }

    public WimFsOptions {
        refs = List.copyOf(refs);
    }

    /** Image 1, read-write, appending. */
    public static WimFsOptions defaults() {
        return new WimFsOptions("1", false, List.of(), CommitMode.APPEND, false, false, false, null);
    }

    /** The options {@code env} asks for. */
    public static WimFsOptions of(Map<String, ?> env) {
        Object image = env.get("image") == null ? "1" : env.get("image");
        List<Path> refs = new ArrayList<>();
        Object r = env.get("refs");
        if (r instanceof Collection<?> c) {
            c.forEach(o -> refs.add(o instanceof Path p ? p : Path.of(o.toString())));
        } else if (r != null) {
            refs.add(r instanceof Path p ? p : Path.of(r.toString()));
        }
        String mode = env.get("commit") == null ? "append" : env.get("commit").toString();
        CommitMode commit = switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "append" -> CommitMode.APPEND;
            case "rebuild" -> CommitMode.REBUILD;
            default -> throw new IllegalArgumentException("commit must be \"append\" or \"rebuild\", not \"" + mode + "\"");
        };
        Object temp = env.get("tempDir");
        return new WimFsOptions(image.toString(), flag(env, "readOnly") || !refs.isEmpty(), refs, commit,
                flag(env, "asNewImage"), flag(env, "discard"), flag(env, "check"),
                temp == null ? null : temp instanceof Path p ? p : Path.of(temp.toString()));
    }

    private static boolean flag(Map<String, ?> env, String key) {
        Object v = env.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, not \"" + s + "\"");
    }

    public WimFsOptions withImage(String newImage) {
        return new WimFsOptions(newImage, readOnly, refs, commit, asNewImage, discard, check, tempDir);
    }

    public WimFsOptions withReadOnly(boolean on) {
        return new WimFsOptions(image, on, refs, commit, asNewImage, discard, check, tempDir);
    }

    public WimFsOptions withAsNewImage(boolean on) {
        return new WimFsOptions(image, readOnly, refs, commit, on, discard, check, tempDir);
    }

    public WimFsOptions withCheck(boolean on) {
        return new WimFsOptions(image, readOnly, refs, commit, asNewImage, discard, on, tempDir);
    }

    public WimFsOptions withCommit(CommitMode mode) {
        return new WimFsOptions(image, readOnly, refs, mode, asNewImage, discard, check, tempDir);
    }
}
