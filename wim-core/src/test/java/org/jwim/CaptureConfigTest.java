package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jwim.ops.Capture;
import org.jwim.ops.CaptureConfig;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture configuration files ([ExclusionList], [ExclusionException]) as wimlib reads them. */
class CaptureConfigTest {
    @TempDir
    Path tmp;

    @Test
    void patternsMatchNamesAnywhereOrPathsFromTheRoot() throws Exception {
        Path f = tmp.resolve("c.ini");
        Files.writeString(f, "\uFEFF; a comment\n[ExclusionList]\n*.tmp\n\\pagefile.sys\n/System Volume Information\n"
                + "keep\\*.log\nC:\\Windows\\CSC\n[ExclusionException]\n\\keep\\important.tmp\n"
                + "[CompressionExclusionList]\n*.zip\n");
        CaptureConfig c = CaptureConfig.read(f);
        assertTrue(c.excludes("/a/b/x.tmp"));
        assertTrue(c.excludes("/X.TMP"), "case does not matter, as on Windows");
        assertFalse(c.excludes("/keep/important.tmp"), "an exception wins");
        assertTrue(c.excludes("/pagefile.sys"));
        assertFalse(c.excludes("/sub/pagefile.sys"), "a rooted pattern matches from the root only");
        assertTrue(c.excludes("/System Volume Information"));
        assertTrue(c.excludes("/Windows/CSC"));
        assertFalse(c.excludes("/a.zip"));
        assertFalse(c.excludes("/x.tmpx"));
    }

    @Test
    void anUnknownSectionIsAnError() throws Exception {
        Path f = tmp.resolve("bad.ini");
        Files.writeString(f, "[Nonsense]\nx\n");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> CaptureConfig.read(f));
    }

    @Test
    void jwimLeavesOutWhatWimlibLeavesOut() throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Files.writeString(src.resolve("scratch.tmp"), "x");
        Files.writeString(src.resolve("sizes/other.tmp"), "x");
        Path f = tmp.resolve("wimscript.ini");
        Files.writeString(f, "[ExclusionList]\n*.tmp\n\\links\n/sizes/text-1*\n[ExclusionException]\n/sizes/text-100\n");
        Path jw = tmp.resolve("j.wim");
        Path ww = tmp.resolve("w.wim");
        ImageCapture.create(src, jw, ImageCapture.Description.named("c"),
                Capture.Options.defaults().withConfig(CaptureConfig.read(f)), WriteOptions.uncompressed());
        ExternalTools.run("wimlib-imagex", "capture", src.toString(), ww.toString(), "--compress=none",
                "--config=" + f).ok();
        List<String> mine = lines(ExternalTools.run("wimlib-imagex", "dir", jw.toString(), "1").ok().stdout());
        List<String> theirs = lines(ExternalTools.run("wimlib-imagex", "dir", ww.toString(), "1").ok().stdout());
        assertEquals(theirs, mine);
        assertFalse(mine.contains("/scratch.tmp"));
        assertTrue(mine.contains("/sizes/text-100"));
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
