package org.jwim.ops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.TreeSnapshot;

/**
 * Everything an applied tree shows on Linux, per relative path ("." for the top): type, mode,
 * owner, times (access time too), size, SHA-1, link target, hard-link group and device number.
 * Attributes are read before anything is opened or listed, so reading does not move access times.
 */
final class AppliedTree {
    /** One entry; {@code linkGroup} is the first path (sorted) of its hard-link group, or null. */
    record Node(String type, String mode, long uid, long gid, long mtime, long atime, long size, String sha1,
                String target, String linkGroup, int linkCount, long rdev) {
        Node withTimes(long m, long a) {
            return new Node(type, mode, uid, gid, m, a, size, sha1, target, linkGroup, linkCount, rdev);
        }

        Node withOwner(long u, long g) {
            return new Node(type, mode, u, g, mtime, atime, size, sha1, target, linkGroup, linkCount, rdev);
        }

        Node withMode(String m) {
            return new Node(type, m, uid, gid, mtime, atime, size, sha1, target, linkGroup, linkCount, rdev);
        }
    }

    private AppliedTree() {
    }

    static Map<String, Node> of(Path root) throws IOException {
        Map<String, Map<String, Object>> attrs = new TreeMap<>();
        stat(root, root, attrs);
        Map<String, List<String>> groups = new HashMap<>();
        for (var e : attrs.entrySet()) {
            Map<String, Object> a = e.getValue();
            if (type(a).equals("file") && (Integer) a.get("nlink") > 1) {
                groups.computeIfAbsent(a.get("dev") + ":" + a.get("ino"), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        Map<String, Node> m = new TreeMap<>();
        for (var e : attrs.entrySet()) {
            String rel = e.getKey();
            Map<String, Object> a = e.getValue();
            Path p = rel.equals(".") ? root : root.resolve(rel);
            String type = type(a);
            String sha1 = type.equals("file") ? TreeSnapshot.sha1(p) : null;
            String target = type.equals("symlink") ? Files.readSymbolicLink(p).toString() : null;
            List<String> g = type.equals("file") ? groups.get(a.get("dev") + ":" + a.get("ino")) : null;
            String group = g == null ? null : g.stream().sorted().findFirst().orElseThrow();
            int mode = (Integer) a.get("mode");
            m.put(rel, new Node(type, String.format("%04o", mode & 07777), (Integer) a.get("uid") & 0xFFFFFFFFL,
                    (Integer) a.get("gid") & 0xFFFFFFFFL, nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("lastAccessTime")), type.equals("file") ? (Long) a.get("size") : 0, sha1,
                    target, group, type.equals("file") ? (Integer) a.get("nlink") : 0,
                    type.endsWith("dev") ? (Long) a.get("rdev") : 0));
        }
        return m;
    }

    private static void stat(Path root, Path p, Map<String, Map<String, Object>> out) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        String rel = root.relativize(p).toString();
        out.put(rel.isEmpty() ? "." : rel, a);
        if (type(a).equals("dir")) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                s.forEach(children::add);
            }
            for (Path c : children) {
                stat(root, c, out);
            }
        }
    }

    static String type(Map<String, Object> a) {
        int mode = (Integer) a.get("mode");
        return switch (mode & 0170000) {
            case 0040000 -> "dir";
            case 0100000 -> "file";
            case 0120000 -> "symlink";
            case 0010000 -> "fifo";
            case 0020000 -> "chardev";
            case 0060000 -> "blockdev";
            case 0140000 -> "socket";
            default -> "other";
        };
    }

    static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
