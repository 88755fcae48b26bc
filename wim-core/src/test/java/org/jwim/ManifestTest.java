package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.image.Dentry;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.io.Sha1Digests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every test WIM (the project's testdata and the workplace's third-party WIMs) and compares
 * what jwim sees with what wimlib-imagex saw (the manifests): header facts, XML properties, and the
 * tree wimlib's apply made (paths, types, sizes, SHA-1 of the data read through jwim, times).
 */
class ManifestTest {

    static Stream<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>(Manifest.loadAll(TestPaths.testdata()));
        all.addAll(Manifest.loadAll(TestPaths.sharedWims()));
        return all.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyManifest() {
        return manifests().map(m -> DynamicTest.dynamicTest(m.name(), () -> check(m)));
    }

    private static void check(Manifest m) throws Exception {
        assertTrue(m.wim() != null, "WIM of " + m.file() + " not found");
        OpenOptions opts = OpenOptions.defaults().withRefs(m.refs());
        if (!m.expectOk()) {
            assertThrows(WimFormatException.class, () -> {
                try (Wim wim = Wim.open(m.wim(), opts)) {
                    readEverything(wim.image(m.image()));
                }
            }, "wimlib refused " + m.name() + " (" + m.json().path("error").asText().trim() + "); jwim must too");
            return;
        }
        try (Wim wim = Wim.open(m.wim(), opts)) {
            checkInfo(m, wim);
            Image image = wim.image(m.image());
            checkImageInfo(m, image.info());
            checkTree(m, image);
        }
    }

    /** Reads the whole tree and every stream, as a full apply would. */
    static void readEverything(Image image) throws IOException {
        for (Dentry d : image.walk().toList()) {
            for (StreamEntry s : d.inode().streams()) {
                try (InputStream in = image.openStream(s)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
    }

    private static void checkInfo(Manifest m, Wim wim) {
        JsonNode i = m.json().path("info");
        WimInfo w = wim.info();
        assertEquals(i.path("image_count").asInt(), w.imageCount(), "image count");
        assertEquals(i.path("guid").asText(), w.guid(), "GUID");
        assertEquals(i.path("version").asInt(), w.version(), "version");
        assertEquals(i.path("compression").asText(), compressionName(w), "compression");
        assertEquals(i.path("chunk_size").asInt(), w.chunkSize(), "chunk size");
        assertEquals(i.path("part_number").asInt(), w.partNumber(), "part number");
        assertEquals(i.path("total_parts").asInt(), w.totalParts(), "total parts");
        assertEquals(i.path("boot_index").asInt(), w.bootIndex(), "boot index");
        assertEquals(i.path("size").asLong(), wim.totalBytes(), "size (the XML TOTALBYTES, as wimlib reports it)");
        assertEquals(i.path("integrity").asBoolean(), w.hasIntegrity(), "integrity table");
        assertEquals(i.path("pipable").asBoolean(), w.pipable(), "pipable");
        assertEquals(i.path("header").path("flags_value").asText(), "0x" + Integer.toHexString(w.header().flags()), "flags");
        List<String> attrs = new ArrayList<>();
        i.path("attributes").forEach(a -> attrs.add(a.asText()));
        assertEquals(attrs, w.attributes(), "attributes");
        if (i.has("xml_totalbytes")) {
            assertEquals(i.path("xml_totalbytes").asText(), wim.xml().root().findText("TOTALBYTES"), "XML TOTALBYTES");
        }
    }

    static String compressionName(WimInfo w) {
        return switch (w.compressionType()) {
            case NONE -> "None";
            default -> w.compressionType().name();
        };
    }

    private static void checkImageInfo(Manifest m, ImageInfo info) {
        JsonNode i = m.json().path("image_info");
        assertEquals(i.path("index").asInt(), info.index());
        assertEquals(i.path("name").asText(), info.name(), "name");
        assertEquals(i.path("description").asText(), info.description(), "description");
        assertEquals(i.path("dir_count").asLong(), info.dirCount(), "dir count");
        assertEquals(i.path("file_count").asLong(), info.fileCount(), "file count");
        assertEquals(i.path("total_bytes").asLong(), info.totalBytes(), "total bytes");
        assertEquals(i.path("hard_link_bytes").asLong(), info.hardLinkBytes(), "hard link bytes");
        assertEquals(i.path("wimboot").asBoolean(), info.wimboot(), "wimboot");
        Map<String, String> xml = new TreeMap<>();
        i.path("xml").fields().forEachRemaining(e -> {
            if (e.getValue().isArray()) { // a repeated element: key, key[2], key[3]...
                int n = 0;
                for (JsonNode v : e.getValue()) {
                    xml.put(e.getKey() + (++n > 1 ? "[" + n + "]" : ""), v.asText());
                }
            } else {
                xml.put(e.getKey(), e.getValue().asText());
            }
        });
        assertEquals(xml, new TreeMap<>(info.properties()), "XML properties");
    }

    /** FILETIME (100 ns since 1601) to ns since 1970. */
    static long fileTimeToUnixNanos(long ft) {
        return (ft - 116444736000000000L) * 100;
    }

    private static void checkTree(Manifest m, Image image) throws IOException {
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (JsonNode e : m.json().path("tree")) {
            expected.put(e.path("path").asText(), e);
        }
        Map<String, Dentry> actual = new TreeMap<>();
        for (Dentry d : image.walk().toList()) {
            actual.put(d.isRoot() ? "." : d.path().substring(1), d);
        }
        assertEquals(new TreeMap<>(expected).keySet(), actual.keySet(), "paths in the image");
        MessageDigest md = Sha1Digests.newDigest();
        byte[] buf = new byte[1 << 16];
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            Dentry d = actual.get(e.getKey());
            JsonNode x = e.getValue();
            Inode inode = d.inode();
            String type = x.path("type").asText();
            String what = e.getKey();
            switch (type) {
                case "dir" -> assertTrue(d.isDirectory(), what + " should be a directory");
                case "file" -> {
                    assertTrue(!d.isDirectory() && !inode.isReparsePoint(), what + " should be a regular file");
                    assertEquals(x.path("size").asLong(), inode.size(), what + ": size");
                    md.reset();
                    try (InputStream in = image.openStream(inode.unnamedData())) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                        }
                    }
                    assertEquals(x.path("sha1").asText(), HexFormat.of().formatHex(md.digest()), what + ": SHA-1 of the data");
                }
                case "symlink" -> assertTrue(inode.isReparsePoint(), what + " should be a symlink (reparse point)");
                case "blockdev", "chardev", "fifo", "socket" -> {
                    int want = switch (type) {
                        case "blockdev" -> 0060000;
                        case "chardev" -> 0020000;
                        case "fifo" -> 0010000;
                        default -> 0140000;
                    };
                    assertTrue(inode.unixData() != null, what + ": a special file needs UNIX data");
                    assertEquals(want, inode.unixData().fileType(), what + ": file type in the UNIX data");
                }
                default -> fail(what + ": unexpected type " + type + " in the manifest");
            }
            org.jwim.image.UnixData unix = inode.unixData();
            if (unix != null && m.json().path("apply_args").toString().contains("--unix-data") && x.hasNonNull("mode")) {
                assertEquals(Integer.parseInt(x.path("mode").asText(), 8), unix.permissions(), what + ": mode");
                assertEquals(x.path("uid").asInt(), unix.uid(), what + ": uid");
                assertEquals(x.path("gid").asInt(), unix.gid(), what + ": gid");
            }
            if (x.has("mtime") && !x.path("mtime").isNull()) {
                assertEquals(x.path("mtime").asLong(), fileTimeToUnixNanos(inode.lastWriteTime()), what + ": mtime");
            }
        }
    }
}
