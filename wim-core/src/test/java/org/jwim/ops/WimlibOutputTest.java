package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.ExternalTools;
import org.jwim.Image;
import org.jwim.TreeSnapshot;
import org.jwim.Wim;
import org.jwim.image.Dentry;
import org.jwim.io.Sha1Digests;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reverse direction: jwim reads what wimlib's export, delete, optimize, split, update and info write. */
class WimlibOutputTest {
    @TempDir
    Path tmp;

    static Stream<String> wims() {
        return Stream.of("multi-7zip.wim", "basic-none.wim", "multi.wim", "basic-xpress.wim", "ntfs.wim");
    }

    /** Per path: type, size and SHA-1 of the unnamed data, as jwim reads image {@code image}. */
    static Map<String, String> jwimView(Path wim, int image) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Wim w = Wimlib.open(wim)) {
            Image img = w.image(image);
            for (Dentry d : img.walk().toList()) {
                if (d.isRoot()) {
                    continue;
                }
                String type = d.inode().isReparsePoint() ? "symlink" : d.isDirectory() ? "dir" : "file";
                String sha1 = null;
                long size = 0;
                if (type.equals("file")) {
                    MessageDigest md = Sha1Digests.newDigest();
                    try (InputStream in = img.openStream(d.path())) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                            size += n;
                        }
                    }
                    sha1 = HexFormat.of().formatHex(md.digest());
                }
                m.put(d.path().substring(1), type + " " + size + " " + sha1);
            }
        }
        return m;
    }

    /** The same, as wimlib applies it (junctions and symlinks both as "symlink"). */
    static Map<String, String> wimlibView(Path wim, int image, Path tmp) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, TreeSnapshot.Entry> e : Wimlib.applied(wim, image, tmp).entrySet()) {
            TreeSnapshot.Entry x = e.getValue();
            m.put(e.getKey(), x.type() + " " + x.size() + " " + x.sha1());
        }
        return m;
    }

    static void assertReadsLikeWimlib(Path wim, Path tmp) throws Exception {
        Wimlib.verify(wim);
        Wimlib.readAll(wim);
        int n = Integer.parseInt(Wimlib.header(wim).get("Image Count"));
        try (Wim w = Wimlib.open(wim)) {
            var xml = Wimlib.xml(wim).images();
            for (int i = 1; i <= n; i++) {
                assertEquals(Wimlib.properties(xml.get(i - 1)), w.images().get(i - 1).properties(), wim + " image " + i);
            }
        }
        for (int i = 1; i <= n; i++) {
            assertEquals(wimlibView(wim, i, tmp), jwimView(wim, i), wim + " image " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("wims")
    void jwimReadsWhatWimlibWrites(String name) throws Exception {
        Path src = Wimlib.copy(name, tmp.resolve("src"));
        Wimlib.assumeReadable(src);
        List<Path> outputs = new ArrayList<>();

        Path exported = tmp.resolve("exported.wim");
        Wimlib.run("export", src.toString(), "all", exported.toString());
        outputs.add(exported);
        Path none = tmp.resolve("none.wim");
        Wimlib.run("export", src.toString(), "1", none.toString(), "--compress=none");
        outputs.add(none);
        Path appended = Files.copy(src, tmp.resolve("appended.wim"));
        Wimlib.run("export", src.toString(), "1", appended.toString(), "copy", "--boot");
        outputs.add(appended);
        Path pipable = tmp.resolve("pipable.wim");
        Wimlib.run("export", src.toString(), "all", pipable.toString(), "--pipable");
        outputs.add(pipable);

        Path deleted = Files.copy(src, tmp.resolve("deleted.wim"));
        Path soft = Files.copy(src, tmp.resolve("soft.wim"));
        if (Integer.parseInt(Wimlib.header(src).get("Image Count")) > 1) {
            Wimlib.run("delete", deleted.toString(), "1");
            Wimlib.run("delete", "--soft", soft.toString(), "1");
            outputs.add(deleted);
            outputs.add(soft);
        }
        Path optimized = Files.copy(src, tmp.resolve("optimized.wim"));
        Wimlib.run("optimize", optimized.toString(), "--check");
        outputs.add(optimized);

        Path info = Files.copy(src, tmp.resolve("info.wim"));
        Wimlib.run("info", info.toString(), "1", "renamed", "a description", "--image-property", "WINDOWS/EDITIONID=X",
                "--boot", "--check");
        outputs.add(info);

        Path updated = Files.copy(src, tmp.resolve("updated.wim"));
        Path cmds = tmp.resolve("cmds");
        Files.writeString(cmds, "add " + src + " /the-wim-itself\nrename /the-wim-itself /renamed-wim\n");
        ExternalTools.run("sh", "-c", "wimlib-imagex update '" + updated + "' 1 < '" + cmds + "'").ok();
        outputs.add(updated);

        Path parts = Files.createDirectories(tmp.resolve("parts")).resolve("p.swm");
        Wimlib.run("split", src.toString(), parts.toString(), "0.2");
        outputs.add(parts);

        for (Path out : outputs) {
            assertReadsLikeWimlib(out, tmp);
        }
    }
}
