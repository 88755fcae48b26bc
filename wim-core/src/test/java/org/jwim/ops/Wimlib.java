package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.ExternalTools;
import org.jwim.Image;
import org.jwim.OpenOptions;
import org.jwim.TestPaths;
import org.jwim.TreeSnapshot;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.format.XmlElement;
import org.jwim.format.XmlInfo;

/**
 * What wimlib-imagex says of a WIM, for checking what the lifecycle commands write: verify, the
 * tree an image applies to, the XML it reads.
 */
final class Wimlib {
    private Wimlib() {
    }

    static Path testWim(String name) {
        return TestPaths.testdata().resolve("wims").resolve(name);
    }

    /** Copies a test WIM (and, for a split set, its other parts) into {@code dir}; returns the copy of the first. */
    static Path copy(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path src = testWim(name);
        if (name.endsWith(".swm")) {
            String base = name.substring(0, name.length() - 4);
            try (var s = Files.list(src.getParent())) {
                for (Path p : s.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(base)
                        + "\\d*\\.swm")).toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
            return dir.resolve(name);
        }
        return Files.copy(src, dir.resolve(name));
    }

    /** The other parts of a split set beside {@code first} (empty for a whole WIM). */
    static List<Path> otherParts(Path first) throws IOException {
        String name = first.getFileName().toString();
        if (!name.endsWith(".swm")) {
            return List.of();
        }
        String base = name.substring(0, name.length() - 4);
        try (var s = Files.list(first.getParent())) {
            return s.filter(p -> !p.equals(first) && p.getFileName().toString()
                    .matches(java.util.regex.Pattern.quote(base) + "\\d+\\.swm")).sorted().toList();
        }
    }

    static Wim open(Path wim) throws IOException {
        return Wim.open(wim, OpenOptions.defaults().withRefs(otherParts(wim)));
    }

    private static List<String> refArgs(Path wim) throws IOException {
        List<String> a = new ArrayList<>();
        for (Path p : otherParts(wim)) {
            a.add("--ref=" + p);
        }
        return a;
    }

    /** Runs wimlib-imagex (skipping the test where it is missing) and fails on a nonzero exit. */
    static ExternalTools.Run run(String... args) throws IOException, InterruptedException {
        ExternalTools.require("wimlib-imagex");
        List<String> cmd = new ArrayList<>(List.of("wimlib-imagex"));
        cmd.addAll(List.of(args));
        return ExternalTools.run(cmd.toArray(String[]::new)).ok();
    }

    /** wimlib-imagex verify passes (the other parts of a split set given with --ref). */
    static void verify(Path wim) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("verify", wim.toString()));
        a.addAll(refArgs(wim));
        run(a.toArray(String[]::new));
    }

    /**
     * The tree wimlib applies image {@code image} to (fresh directory under {@code tmp}), with the
     * apply directory in symlink targets replaced by "$T" so that two applies compare equal.
     */
    static Map<String, TreeSnapshot.Entry> applied(Path wim, int image, Path tmp) throws Exception {
        Path out = Files.createTempDirectory(Files.createDirectories(tmp), "apply");
        Files.delete(out);
        List<String> a = new ArrayList<>(List.of("apply", wim.toString(), Integer.toString(image), out.toString()));
        a.addAll(refArgs(wim));
        run(a.toArray(String[]::new));
        Map<String, TreeSnapshot.Entry> m = new TreeMap<>();
        for (var e : TreeSnapshot.of(out).entrySet()) {
            if (e.getKey().equals(".")) {
                continue;
            }
            TreeSnapshot.Entry x = e.getValue();
            String target = x.target() == null ? null : x.target().replace(out.toString(), "$T");
            m.put(e.getKey(), new TreeSnapshot.Entry(x.type(), x.size(), x.sha1(), target, x.mtimeNanos(), x.linkGroup(),
                    x.mode(), x.uid(), x.gid()));
        }
        return m;
    }

    /** The XML data as wimlib-imagex info --xml prints it, parsed. */
    static XmlInfo xml(Path wim) throws Exception {
        byte[] b;
        Path f = Files.createTempFile("xml", ".bin");
        try {
            run("info", wim.toString(), "--extract-xml", f.toString());
            b = Files.readAllBytes(f);
        } finally {
            Files.deleteIfExists(f);
        }
        try (var part = org.jwim.io.WimPart.open(wim)) {
            int images = Integer.parseInt(header(wim).get("Image Count"));
            return XmlInfo.parse(part, 0, b, images);
        }
    }

    /** wimlib-imagex info --header as name to value. */
    static Map<String, String> header(Path wim) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : run("info", wim.toString(), "--header").stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    /** The file blobs wimlib-imagex info --blobs lists (metadata left out), hash to reference count. */
    static Map<String, Integer> blobs(Path wim) throws Exception {
        Map<String, Integer> m = new TreeMap<>();
        String hash = null;
        int refs = 0;
        for (String line : (run("info", wim.toString(), "--blobs").stdout() + "\n").split("\n")) {
            if (line.startsWith("Hash")) {
                hash = line.substring(line.indexOf('=') + 1).trim();
            } else if (line.startsWith("Reference Count")) {
                refs = Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
            } else if (line.startsWith("Flags") && hash != null) {
                if (!line.contains("METADATA")) {
                    m.put(hash, refs);
                }
                hash = null;
            }
        }
        return m;
    }

    /** An image's properties without INDEX, for comparing XML that went through a rewrite. */
    static Map<String, String> properties(XmlElement image) {
        return image.flatten();
    }

    /** Skips the test unless jwim can read every image of {@code wim}, data included (a codec may not be there yet). */
    static void assumeReadable(Path wim) throws IOException {
        try {
            readAll(wim);
        } catch (WimFormatException e) {
            assumeTrue(!String.valueOf(e.getMessage()).contains("not implemented yet"),
                    "jwim cannot decode " + wim.getFileName() + " yet: " + e.getMessage());
            throw e;
        }
    }

    /** jwim reads every file of every image, each stream checked against its SHA-1. */
    static void readAll(Path wim) throws IOException {
        try (Wim w = open(wim)) {
            for (int i = 1; i <= w.imageCount(); i++) {
                Image img = w.image(i);
                for (var d : img.walk().toList()) {
                    for (var s : d.inode().streams()) {
                        try (var in = img.openStream(s)) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                }
            }
        }
    }

    static void assertSameImages(Path a, int imageA, Path b, int imageB, Path tmp) throws Exception {
        assertEquals(applied(a, imageA, tmp), applied(b, imageB, tmp),
                a.getFileName() + " image " + imageA + " vs " + b.getFileName() + " image " + imageB);
    }
}
