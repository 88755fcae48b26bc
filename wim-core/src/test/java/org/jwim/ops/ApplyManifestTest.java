package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.ExternalTools;
import org.jwim.Manifest;
import org.jwim.OpenOptions;
import org.jwim.TestPaths;
import org.jwim.Wim;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies every image of every test WIM (the project's and the workplace's third-party and
 * Microsoft ones) and compares the tree with what {@code wimlib-imagex apply} made of it: the
 * manifest's tree (types, modes, owners, sizes, SHA-1s, link targets, hard links, device numbers,
 * modification times), and, when wimlib is installed, a live wimlib apply of the same image into a
 * second directory (access times too). Images wimlib refuses must be refused, leaving no
 * temporary files behind.
 */
class ApplyManifestTest {
    @TempDir
    static Path tmp;

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    static Stream<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>(Manifest.loadAll(TestPaths.testdata()));
        all.addAll(Manifest.loadAll(TestPaths.sharedWims()));
        return all.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyImageAppliesAsWimlibApplies() {
        return manifests().map(m -> DynamicTest.dynamicTest(m.name(), () -> check(m)));
    }

    private static boolean unixData(Manifest m) {
        for (JsonNode a : m.json().path("apply_args")) {
            if (a.asText().equals("--unix-data")) {
                return true;
            }
        }
        return false;
    }

    private static void check(Manifest m) throws Exception {
        assertNotNull(m.wim(), "WIM of " + m.file() + " not found");
        Path dir = Files.createDirectories(tmp.resolve(m.name()));
        Path target = dir.resolve("jwim");
        ApplyOptions options = ApplyOptions.defaults().withUnixData(unixData(m));
        try (Wim wim = Wim.open(m.wim(), OpenOptions.defaults().withRefs(m.refs()))) {
            if (!m.expectOk()) {
                IOException e = assertThrows(IOException.class, () -> wim.image(m.image()).extractTo(target, options),
                        "wimlib refused " + m.name() + "; jwim must too");
                skipIfCodecMissing(e);
                assertNoTemporaries(target);
                return;
            }
            try {
                wim.image(m.image()).extractTo(target, options);
            } catch (IOException e) {
                skipIfCodecMissing(e);
                throw e;
            }
        }
        Map<String, AppliedTree.Node> actual = AppliedTree.of(target);
        assertNoTemporaries(target);
        assertSameTree(fromManifest(m, target.toRealPath(), actual), withoutAccessTimes(actual), "tree applied by jwim vs "
                + "the manifest (wimlib's apply)");

        if (ExternalTools.has("wimlib-imagex")) {
            Path theirs = dir.resolve("wimlib");
            List<String> cmd = new ArrayList<>(List.of("wimlib-imagex", "apply", m.wim().toString(),
                    Integer.toString(m.image()), theirs.toString()));
            m.json().path("apply_args").forEach(a -> cmd.add(a.asText()));
            for (Path r : m.refs()) {
                cmd.add("--ref=" + r);
            }
            ExternalTools.run(cmd.toArray(String[]::new)).ok();
            Map<String, AppliedTree.Node> expected = new TreeMap<>();
            for (var e : AppliedTree.of(theirs).entrySet()) {
                AppliedTree.Node n = e.getValue();
                String t = n.target() == null ? null : n.target().replace(theirs.toRealPath().toString(),
                        target.toRealPath().toString());
                boolean link = n.type().equals("symlink");
                expected.put(e.getKey(), new AppliedTree.Node(n.type(), n.mode(), n.uid(), n.gid(),
                        settable(n.mtime(), link, n.type()), settable(n.atime(), link, n.type()), n.size(), n.sha1(), t,
                        n.linkGroup(), n.linkCount(), n.rdev()));
            }
            assertSameTree(expected, actual, "tree applied by jwim vs a live wimlib-imagex apply (access times too)");
        }
    }

    /** Fails listing only the paths that differ. */
    static void assertSameTree(Map<String, AppliedTree.Node> expected, Map<String, AppliedTree.Node> actual, String what) {
        StringBuilder b = new StringBuilder();
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            AppliedTree.Node e = expected.get(k);
            AppliedTree.Node a = actual.get(k);
            if (!java.util.Objects.equals(e, a)) {
                b.append("\n  ").append(k).append(":\n    expected ").append(e).append("\n    actual   ").append(a);
            }
        }
        if (b.length() > 0) {
            org.junit.jupiter.api.Assertions.fail(what + ": " + b);
        }
    }

    /** Skips (while the codecs are still being written) when a decoder is a placeholder. */
    static void skipIfCodecMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("not implemented yet")) {
                Assumptions.abort("codec not available yet: " + t.getMessage());
            }
        }
    }

    static void assertNoTemporaries(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> s = Files.walk(target)) {
            List<Path> temps = s.filter(p -> p.getFileName().toString().startsWith(".jwim-")).toList();
            assertTrue(temps.isEmpty(), "temporary files left: " + temps);
        }
    }

    static Map<String, AppliedTree.Node> withoutAccessTimes(Map<String, AppliedTree.Node> m) {
        Map<String, AppliedTree.Node> r = new TreeMap<>();
        m.forEach((k, v) -> r.put(k, v.withTimes(v.mtime(), 0)));
        return r;
    }

    /**
     * A time as jwim can set it (Java 17: symlinks to the microsecond, pre-1970 times with a
     * fraction to the second below; special files are set through touch, exactly).
     */
    static long settable(long nanos, boolean symlink, String type) {
        if (!type.equals("dir") && !type.equals("file") && !type.equals("symlink")) {
            return nanos;
        }
        if (nanos < 0 && nanos % 1_000_000_000L != 0) {
            return Math.floorDiv(nanos, 1_000_000_000L) * 1_000_000_000L;
        }
        return symlink ? Math.floorDiv(nanos, 1000L) * 1000L : nanos;
    }

    /** The process umask, seen through the mode a new file asked to be 0666 gets. */
    private static int umask() throws IOException {
        Path probe = Files.createTempFile(tmp, "umask", "");
        Files.delete(probe);
        Files.createFile(probe, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        int mode = (Integer) Files.getAttribute(probe, "unix:mode");
        Files.delete(probe);
        return 0666 & ~mode & 0777;
    }

    private static String linkGroup(JsonNode e) {
        JsonNode g = e.hasNonNull("link_group") ? e.path("link_group") : e.path("nlink");
        return g.isTextual() ? g.asText() : null;
    }

    /** The manifest's tree as jwim should produce it here. */
    private static Map<String, AppliedTree.Node> fromManifest(Manifest m, Path target, Map<String, AppliedTree.Node> actual)
            throws IOException {
        boolean umask022 = umask() == 022;
        // Hard-link groups: "link_group" (and "link_count") in the project's manifests, "nlink" in the
        // corpus ones, both the group's first path.
        Map<String, Integer> groupSizes = new TreeMap<>();
        for (JsonNode e : m.json().path("tree")) {
            String g = linkGroup(e);
            if (g != null) {
                groupSizes.merge(g, 1, Integer::sum);
            }
        }
        Map<String, AppliedTree.Node> r = new TreeMap<>();
        for (JsonNode e : m.json().path("tree")) {
            String type = e.path("type").asText();
            if (!ROOT && type.endsWith("dev")) {
                continue; // only root may create devices
            }
            String t = e.hasNonNull("target") ? e.path("target").asText().replace("$TARGET", target.toString()) : null;
            boolean file = type.equals("file");
            long mtime = settable(e.path("mtime").asLong(), type.equals("symlink"), type);
            String group = file ? linkGroup(e) : null;
            int count = group == null ? 1 : e.path("link_count").asInt(groupSizes.get(group));
            AppliedTree.Node n = new AppliedTree.Node(type, e.path("mode").asText(), e.path("uid").asLong(),
                    e.path("gid").asLong(), mtime, 0, file ? e.path("size").asLong() : 0,
                    file ? e.path("sha1").asText() : null, t, group, file ? count : 0,
                    type.endsWith("dev") ? e.path("rdev").asLong() : 0);
            r.put(e.path("path").asText(), n);
        }
        if (!ROOT || !umask022) {
            // Owners (and modes, with another umask) cannot match what root made with umask 022.
            r.replaceAll((k, v) -> {
                AppliedTree.Node a = actual.get(k);
                if (a == null) {
                    return v;
                }
                AppliedTree.Node x = ROOT ? v : v.withOwner(a.uid(), a.gid());
                return umask022 ? x : x.withMode(a.mode());
            });
        }
        return r;
    }
}
