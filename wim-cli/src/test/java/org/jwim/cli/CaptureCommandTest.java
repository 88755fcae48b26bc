package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.ExternalTools;
import org.jwim.SourceTrees;
import org.jwim.Wim;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwim capture} and {@code append} at the command line, checked with wimlib-imagex. */
class CaptureCommandTest {
    @TempDir
    Path tmp;

    @Test
    void captureThenAppendGivesWhatWimlibReads() throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("out.wim");
        Cli.Result r = Cli.run("capture", src.toString(), wim.toString(), "First", "the first image", "--compress=none",
                "--image-property", "WINDOWS/EDITIONID=Professional", "--flags", "Professional", "--check");
        assertEquals(0, r.rc(), r.toString());
        Path src2 = Files.createDirectories(tmp.resolve("src2"));
        Files.writeString(src2.resolve("b.txt"), "second\n");
        r = Cli.run("append", src2.toString(), wim.toString(), "Second", "--boot");
        assertEquals(0, r.rc(), r.toString());

        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertTrue(info.contains("Image Count:    2"), info);
        assertTrue(info.contains("Boot Index:     2"), info);
        assertTrue(info.contains("Integrity info"), info);
        assertTrue(info.contains("Edition ID:             Professional"), info);
        assertTrue(info.contains("Description:            the first image"), info);
        try (Wim w = Wim.open(wim)) {
            assertEquals("Second", w.images().get(1).name());
            assertEquals("Professional", w.images().get(0).flags());
        }
    }

    @Test
    void theDefaultLzxRefusesClearlyUntilItsCompressorExists() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("s"));
        Files.writeString(src.resolve("a"), "a");
        Path wim = tmp.resolve("x.wim");
        Cli.Result r = Cli.run("capture", src.toString(), wim.toString());
        if (ChunkCodecs.canCompress(CompressionType.LZX)) {
            assertEquals(0, r.rc(), r.toString());
            assertTrue(Files.exists(wim));
        } else {
            assertEquals(1, r.rc(), r.toString());
            assertTrue(r.err().startsWith("jwim: error: lzx compression is not available"), r.err());
            assertFalse(Files.exists(wim), "nothing is left under the WIM's name");
        }
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run("capture", "a", "b", "--compress=zip").rc());
        assertEquals(2, Cli.run("capture", "a", "b", "--compress=lzx:0").rc());
        assertEquals(2, Cli.run("capture", "a", "b", "--compress=xpress", "--chunk-size=3000").rc());
        assertEquals(2, Cli.run("capture", "a", "b", "--image-property", "novalue").rc());
    }
}
