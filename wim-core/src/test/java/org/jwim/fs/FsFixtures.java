package org.jwim.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.ExternalTools;
import org.jwim.TestPaths;
import org.jwim.io.Sha1Digests;

/** Test WIMs and tree descriptions shared by the file-system tests. */
final class FsFixtures {
    private FsFixtures() {
    }

    static Path testWim(String name) {
        return TestPaths.testdata().resolve("wims").resolve(name);
    }

    /** A writable copy of a test WIM in {@code dir}. */
    static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(testWim(name), p, StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    /**
     * An uncompressed copy of every image of test WIM {@code name}, made by wimlib-imagex export
     * (so that changes can be committed while jwim has no compressor yet); skips without wimlib.
     */
    static Path uncompressed(String name, Path dir) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path out = dir.resolve("none-" + name);
        ExternalTools.run("wimlib-imagex", "export", testWim(name).toString(), "all", out.toString(),
                "--compress=none").ok();
        return out;
    }

    static FileSystem open(Path wim, Map<String, ?> env) throws IOException {
        return FileSystems.newFileSystem(wim, env);
    }

    static String sha1(Path p) throws IOException {
        MessageDigest md = Sha1Digests.newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * What a tree holds, path by path (relative, "" for the root): "dir", "file SIZE SHA1" or
     * "link TARGET". Works on any file system, so a WIM file system and a directory applied by
     * wimlib can be compared; {@code linkPrefix} is cut from absolute link targets (wimlib
     * prepends the directory it applies to).
     */
    static Map<String, String> describe(Path root, String linkPrefix) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    String t = Files.readSymbolicLink(p).toString();
                    if (linkPrefix != null && t.startsWith(linkPrefix)) {
                        t = t.substring(linkPrefix.length());
                    }
                    m.put(rel, "link " + t);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(rel, "dir");
                } else {
                    m.put(rel, "file " + Files.size(p) + " " + sha1(p));
                }
            }
        }
        return m;
    }

    /** The tree of image {@code image} as wimlib-imagex applies it (into {@code dir}, which must not exist). */
    static Map<String, String> appliedByWimlib(Path wim, int image, Path dir) throws Exception {
        ExternalTools.require("wimlib-imagex");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), Integer.toString(image), dir.toString()).ok();
        return describe(dir, dir.toString());
    }

    static void verifyWithWimlib(Path wim) throws Exception {
        ExternalTools.require("wimlib-imagex");
        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
    }
}
