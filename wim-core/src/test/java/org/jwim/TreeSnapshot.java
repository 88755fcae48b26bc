package org.jwim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.io.Sha1Digests;

/**
 * What a directory tree on disk holds, for comparing trees: per relative path its type, size,
 * SHA-1, symlink target, mtime and which other paths are hard links to the same file.
 */
public final class TreeSnapshot {
    /** One file: "dir", "file", "symlink" or "other". */
    public record Entry(String type, long size, String sha1, String target, long mtimeNanos, String linkGroup,
                        int mode, int uid, int gid) {
        /** Without the mtime, for comparisons where times legitimately differ. */
        public Entry withoutTime() {
            return new Entry(type, size, sha1, target, 0, linkGroup, mode, uid, gid);
        }

        public Entry withoutOwner() {
            return new Entry(type, size, sha1, target, mtimeNanos, linkGroup, 0, 0, 0);
        }
    }

    private TreeSnapshot() {
    }

    /** Every path below {@code root} (not following links), sorted; "." is the root. */
    public static Map<String, Entry> of(Path root) throws IOException {
        Map<String, Entry> m = new TreeMap<>();
        Map<Object, String> groups = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty()) {
                    rel = ".";
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                long mtime = toNanos((FileTime) a.get("lastModifiedTime"));
                String type;
                long size = 0;
                String sha1 = null;
                String target = null;
                String group = null;
                if (Files.isSymbolicLink(p)) {
                    type = "symlink";
                    target = Files.readSymbolicLink(p).toString();
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    type = "dir";
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    type = "file";
                    size = Files.size(p);
                    sha1 = sha1(p);
                    if ((Integer) a.get("nlink") > 1) {
                        group = groups.computeIfAbsent(a.get("dev") + ":" + a.get("ino"), k -> p.toString());
                        group = root.relativize(Path.of(group)).toString();
                    }
                } else {
                    type = "other";
                }
                m.put(rel, new Entry(type, size, sha1, target, mtime, group, mode & 07777, (Integer) a.get("uid"),
                        (Integer) a.get("gid")));
            }
        }
        return m;
    }

    static long toNanos(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    public static String sha1(Path p) throws IOException {
        MessageDigest md = Sha1Digests.newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
