package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jwim.Wim;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.CompressionType;
import org.jwim.write.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Optimize: the same images, no holes, wimlib's blob set; pipable and integrity conversions. */
class OptimizeTest {
    @TempDir
    Path tmp;

    static Stream<String> wims() {
        return Stream.of("deleted-hole.wim", "basic-none.wim", "multi-7zip.wim", "multi.wim", "basic-xpress.wim",
                "basic-check.wim", "basic-pipable.wim", "basic-solid.esd", "basic-solid-lzx.wim", "ntfs.wim");
    }

    @ParameterizedTest
    @MethodSource("wims")
    void optimizeKeepsImagesAndDropsHoles(String name) throws Exception {
        Path wim = Wimlib.copy(name, tmp.resolve("jwim"));
        Wimlib.assumeReadable(wim);
        Path theirs = Wimlib.copy(name, tmp.resolve("wimlib"));
        Wimlib.run("optimize", theirs.toString());
        WimOptimize.optimize(wim, WriteChoices.none(), false, ProgressListener.NONE);
        Wimlib.verify(wim);
        assertEquals(Wimlib.blobs(theirs), Wimlib.blobs(wim));
        var orig = Wimlib.header(Wimlib.testWim(name));
        var now = Wimlib.header(wim);
        for (String k : new String[] {"GUID", "Image Count", "Boot Index", "Flags", "Chunk Size", "Version"}) {
            assertEquals(orig.get(k), now.get(k), k);
        }
        assertEquals(orig.get("Integrity Size").equals("0"), now.get("Integrity Size").equals("0"),
                "an integrity table stays");
        var xo = Wimlib.xml(Wimlib.testWim(name)).images();
        var xn = Wimlib.xml(wim).images();
        for (int i = 1; i <= xo.size(); i++) {
            Wimlib.assertSameImages(Wimlib.testWim(name), i, wim, i, tmp);
            assertEquals(Wimlib.properties(xo.get(i - 1)), Wimlib.properties(xn.get(i - 1)));
        }
        // Without recompression, jwim's rebuild is no larger than wimlib's (same resources, copied).
        assertTrue(Files.size(wim) <= Files.size(theirs) + 64, Files.size(wim) + " vs wimlib's " + Files.size(theirs));
    }

    @Test
    void holesOfASoftDeleteGoAway() throws Exception {
        Path wim = Wimlib.copy("deleted-hole.wim", tmp.resolve("d"));
        Wimlib.assumeReadable(wim);
        long before = Files.size(wim);
        WimOptimize.optimize(wim, WriteChoices.none(), false, ProgressListener.NONE);
        assertTrue(Files.size(wim) < before, Files.size(wim) + " < " + before);
    }

    @Test
    void pipableAndBack() throws Exception {
        Path wim = Wimlib.copy("basic-pipable.wim", tmp.resolve("p"));
        Wimlib.assumeReadable(wim);
        WimOptimize.optimize(wim, WriteChoices.none().withPipable(false), false, ProgressListener.NONE);
        Wimlib.verify(wim);
        try (Wim w = Wim.open(wim)) {
            assertFalse(w.header().pipable());
        }
        Wimlib.assertSameImages(Wimlib.testWim("basic-pipable.wim"), 1, wim, 1, tmp);
        WimOptimize.optimize(wim, WriteChoices.none().withPipable(true), false, ProgressListener.NONE);
        Wimlib.verify(wim);
        try (Wim w = Wim.open(wim)) {
            assertTrue(w.header().pipable());
        }
        Wimlib.assertSameImages(Wimlib.testWim("basic-pipable.wim"), 1, wim, 1, tmp);
    }

    @Test
    void integrityTableAddedAndDropped() throws Exception {
        Path wim = Wimlib.copy("multi-7zip.wim", tmp.resolve("i"));
        WimOptimize.optimize(wim, WriteChoices.none().withIntegrity(true), false, ProgressListener.NONE);
        Wimlib.run("verify", wim.toString());
        assertTrue(Wimlib.run("info", wim.toString(), "--check").stderr().isEmpty(), "the table checks out");
        assertFalse(Wimlib.header(wim).get("Integrity Size").equals("0"));
        WimOptimize.optimize(wim, WriteChoices.none().withIntegrity(false), true, ProgressListener.NONE);
        assertEquals("0", Wimlib.header(wim).get("Integrity Size"));
        Wimlib.verify(wim);
    }

    @Test
    void recompressingToAnotherType() throws Exception {
        assumeTrue(ChunkCodecs.canCompress(CompressionType.XPRESS), "XPRESS compression is not available yet");
        Path wim = Wimlib.copy("multi-7zip.wim", tmp.resolve("r"));
        WimOptimize.optimize(wim, WriteChoices.none().withCompression(CompressionType.XPRESS, 0), false,
                ProgressListener.NONE);
        Wimlib.verify(wim);
        assertEquals("XPRESS", Wimlib.run("info", wim.toString()).stdout().lines()
                .filter(l -> l.startsWith("Compression:")).findFirst().orElseThrow().substring(12).trim());
        Wimlib.assertSameImages(Wimlib.testWim("multi-7zip.wim"), 2, wim, 2, tmp);
    }
}
