package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.CompressionType;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WIMs jwim captures are accepted by wimlib (verify) and give back the source tree when wimlib
 * applies them; jwim reads them back equal too.
 */
class CaptureInteropTest {
    @TempDir
    Path tmp;

    static Map<String, TreeSnapshot.Entry> withoutRoot(Map<String, TreeSnapshot.Entry> m) {
        Map<String, TreeSnapshot.Entry> r = new TreeMap<>(m);
        r.remove(".");
        return r;
    }

    /** The source tree as wimlib's apply (without --unix-data) should recreate it. */
    static Map<String, TreeSnapshot.Entry> expectedAfterApply(Path src, Path target) throws Exception {
        Map<String, TreeSnapshot.Entry> m = new TreeMap<>();
        for (var e : withoutRoot(TreeSnapshot.of(src)).entrySet()) {
            TreeSnapshot.Entry x = e.getValue();
            String tgt = x.target();
            if (tgt != null && tgt.startsWith(src.toString())) {
                tgt = target + tgt.substring(src.toString().length());
            }
            // WIMs keep times in 100 ns units.
            long mtime = x.type().equals("symlink") ? 0 : x.mtimeNanos() / 100 * 100;
            m.put(e.getKey(), new TreeSnapshot.Entry(x.type(), x.size(), x.sha1(), tgt, mtime, x.linkGroup(), 0, 0, 0));
        }
        return m;
    }

    static Map<String, TreeSnapshot.Entry> actual(Path applied) throws Exception {
        Map<String, TreeSnapshot.Entry> m = new TreeMap<>();
        for (var e : withoutRoot(TreeSnapshot.of(applied)).entrySet()) {
            TreeSnapshot.Entry x = e.getValue();
            long mtime = x.type().equals("symlink") ? 0 : x.mtimeNanos();
            m.put(e.getKey(), new TreeSnapshot.Entry(x.type(), x.size(), x.sha1(), x.target(), mtime, x.linkGroup(), 0, 0, 0));
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void wimlibVerifiesAndAppliesWhatJwimCaptures(CompressionType type) throws Exception {
        ExternalTools.require("wimlib-imagex");
        org.junit.jupiter.api.Assumptions.assumeTrue(type == CompressionType.NONE || ChunkCodecs.canCompress(type),
                type + " compression is not available yet");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("out.wim");
        WriteOptions opts = WriteOptions.defaults().withCompression(type, 0);
        ImageCapture.create(src, wim, ImageCapture.Description.named("test"), Capture.Options.defaults(), opts);

        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        Path out = tmp.resolve("applied");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), "1", out.toString()).ok();
        assertEquals(expectedAfterApply(src, out), actual(out));

        try (Wim w = Wim.open(wim)) {
            assertEquals("test", w.images().get(0).name());
            ManifestTest.readEverything(w.image(1));
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void sevenZipTestsAndExtractsWhatJwimCaptures(CompressionType type) throws Exception {
        ExternalTools.require("7zz");
        org.junit.jupiter.api.Assumptions.assumeTrue(type == CompressionType.NONE || ChunkCodecs.canCompress(type),
                type + " compression is not available yet");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("out.wim");
        ImageCapture.create(src, wim, ImageCapture.Description.named("7z"), Capture.Options.defaults(),
                WriteOptions.defaults().withCompression(type, 0));
        ExternalTools.Run t = ExternalTools.run("7zz", "t", wim.toString());
        assertEquals(0, t.exitCode(), t.stdout() + t.stderr());
        assertTrue(t.stdout().contains("Everything is Ok"), t.stdout());
        Path out = tmp.resolve("x");
        // -snld: the tree has a relative link up out of its directory, which 7-Zip otherwise refuses.
        ExternalTools.run("7zz", "x", "-snld", "-o" + out, wim.toString()).ok();
        // 7-Zip gives regular files and directories back (links are its own business).
        Map<String, TreeSnapshot.Entry> want = new TreeMap<>();
        for (var e : withoutRoot(TreeSnapshot.of(src)).entrySet()) {
            if (!e.getValue().type().equals("symlink")) {
                want.put(e.getKey(), new TreeSnapshot.Entry(e.getValue().type(), e.getValue().size(), e.getValue().sha1(),
                        null, 0, null, 0, 0, 0));
            }
        }
        Map<String, TreeSnapshot.Entry> got = new TreeMap<>();
        for (var e : withoutRoot(TreeSnapshot.of(out)).entrySet()) {
            if (want.containsKey(e.getKey())) {
                got.put(e.getKey(), new TreeSnapshot.Entry(e.getValue().type(), e.getValue().size(), e.getValue().sha1(),
                        null, 0, null, 0, 0, 0));
            }
        }
        assertEquals(want, got);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pipable", "integrity", "pipable+integrity", "boot"})
    void wimlibAcceptsPipableIntegrityAndBootLayouts(String variant) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("out.wim");
        CompressionType type = ChunkCodecs.canCompress(CompressionType.LZX) ? CompressionType.LZX : CompressionType.NONE;
        WriteOptions opts = WriteOptions.defaults().withCompression(type, 0)
                .withPipable(variant.contains("pipable")).withIntegrity(variant.contains("integrity"));
        ImageCapture.create(src, wim, new ImageCapture.Description("v", null, Map.of(), variant.equals("boot")),
                Capture.Options.defaults(), opts);
        String verify = ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok().stdout();
        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertEquals(variant.contains("pipable"), info.contains("Pipable"), info);
        assertEquals(variant.contains("integrity"), info.contains("Integrity info"), info);
        assertEquals(variant.equals("boot"), info.contains("Boot Index:     1"), info);
        if (variant.contains("integrity")) {
            assertTrue(verify.toLowerCase(java.util.Locale.ROOT).contains("integrity"), verify);
        }
        Path out = tmp.resolve("applied");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), "1", out.toString()).ok();
        assertEquals(expectedAfterApply(src, out), actual(out));
        try (Wim w = Wim.open(wim, OpenOptions.defaults().withCheckIntegrity(true))) {
            ManifestTest.readEverything(w.image(1));
        }
    }

    @Test
    void appendedImagesKeepTheOldOnesAndAllVerify() throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path src2 = tmp.resolve("src2");
        Files.createDirectories(src2);
        Files.writeString(src2.resolve("new.txt"), "only in image 2\n");
        Files.copy(src.resolve("random.bin"), src2.resolve("same-random.bin"));
        Path wim = tmp.resolve("multi.wim");
        WriteOptions opts = WriteOptions.uncompressed();
        ImageCapture.create(src, wim, ImageCapture.Description.named("one"), Capture.Options.defaults(), opts);
        long before = Files.size(wim);
        ImageCapture.append(src2, wim, new ImageCapture.Description("two", "second", Map.of(), true),
                Capture.Options.defaults(), opts, null);
        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertTrue(info.contains("Image Count:    2"), info);
        assertTrue(info.contains("Boot Index:     2"), info);
        // The 300 KB random file is stored once.
        assertTrue(Files.size(wim) - before < 100_000, "dedup against the existing blobs");
        for (int i = 1; i <= 2; i++) {
            Path out = tmp.resolve("applied" + i);
            ExternalTools.run("wimlib-imagex", "apply", wim.toString(), Integer.toString(i), out.toString()).ok();
            assertEquals(expectedAfterApply(i == 1 ? src : src2, out), actual(out));
        }
        try (Wim w = Wim.open(wim)) {
            assertEquals(List.of("one", "two"), w.images().stream().map(ImageInfo::name).toList());
            assertEquals("second", w.images().get(1).description());
        }
    }
}
