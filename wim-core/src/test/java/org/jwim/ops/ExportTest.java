package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jwim.Wim;
import org.jwim.compression.CompressionType;
import org.jwim.format.XmlElement;
import org.jwim.write.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Export, checked with wimlib: verify, the trees it applies, the XML it reads. */
class ExportTest {
    @TempDir
    Path tmp;

    /** Every test WIM that needs no other WIM (split sets come with their parts). */
    static Stream<String> testWims() {
        return Stream.of("basic-none.wim", "basic-7zip.wim", "multi-7zip.wim", "multi.wim", "basic-lzx.wim",
                "basic-lzx-64k.wim", "basic-lzx-2m.wim", "basic-xpress.wim", "basic-xpress-4k.wim",
                "basic-xpress-64k.wim", "basic-lzms.wim", "basic-lzms-1m.wim", "basic-solid.esd", "basic-solid-lzx.wim",
                "basic-pipable.wim", "basic-check.wim", "basic-unix.wim", "special-unix.wim", "deleted-hole.wim",
                "split.swm", "ntfs.wim", "empty-image.wim", "one-empty-file.wim");
    }

    static List<Integer> all(Wim w) {
        return IntStream.rangeClosed(1, w.imageCount()).boxed().toList();
    }

    /** Exporting every image into a new WIM copies them whole: same trees, same XML, and wimlib accepts it. */
    @ParameterizedTest
    @MethodSource("testWims")
    void exportAllToNewWim(String name) throws Exception {
        Path src = Wimlib.copy(name, tmp.resolve("src"));
        Wimlib.assumeReadable(src);
        Path dest = tmp.resolve("out.wim");
        int count;
        try (Wim w = Wimlib.open(src)) {
            count = w.imageCount();
            ImageExport.export(w, all(w), true, dest, ImageExport.Options.defaults(), ProgressListener.NONE);
        }
        Wimlib.verify(dest);
        var srcXml = Wimlib.xml(src).images();
        var destXml = Wimlib.xml(dest).images();
        assertEquals(count, destXml.size());
        for (int i = 1; i <= count; i++) {
            Wimlib.assertSameImages(src, i, dest, i, tmp);
            assertEquals(Wimlib.properties(srcXml.get(i - 1)), Wimlib.properties(destXml.get(i - 1)));
        }
        Wimlib.readAll(dest);
        try (Wim s = Wimlib.open(src); Wim d = Wim.open(dest)) {
            assertEquals(s.header().compressionType(), d.header().compressionType());
            assertFalse(d.header().pipable(), "a new WIM is not pipable unless asked");
        }
    }

    /** An image appended to an existing WIM: the old images stay as they were, only missing blobs are added. */
    @Test
    void exportIntoExistingWimAppendsAndDeduplicates() throws Exception {
        Path dest = Wimlib.copy("basic-none.wim", tmp.resolve("d"));
        Path src = Wimlib.copy("multi-7zip.wim", tmp.resolve("s"));
        long before = Files.size(dest);
        byte[] head = Files.readAllBytes(dest);
        try (Wim w = Wim.open(src)) {
            ImageExport.export(w, List.of(2), false, dest, ImageExport.Options.defaults().withNames("second", "desc 2")
                    .withBoot(true), ProgressListener.NONE);
        }
        Wimlib.verify(dest);
        Wimlib.assertSameImages(Wimlib.testWim("basic-none.wim"), 1, dest, 1, tmp);
        Wimlib.assertSameImages(src, 2, dest, 2, tmp);
        var xml = Wimlib.xml(dest).images();
        assertEquals("second", xml.get(1).findText("NAME"));
        assertEquals("desc 2", xml.get(1).findText("DESCRIPTION"));
        assertEquals("2", Wimlib.header(dest).get("Boot Index"));
        // Append mode: everything before the old end is untouched but the header.
        byte[] after = Files.readAllBytes(dest);
        assertArrayEquals(java.util.Arrays.copyOfRange(head, 208, head.length),
                java.util.Arrays.copyOfRange(after, 208, head.length));

        // The same image again under another name: all its blobs are there, so only metadata, table and XML grow the file.
        long size = Files.size(dest);
        try (Wim w = Wim.open(src)) {
            ImageExport.export(w, List.of(2), false, dest, ImageExport.Options.defaults().withNames("third", null),
                    ProgressListener.NONE);
        }
        Wimlib.verify(dest);
        assertTrue(Files.size(dest) - size < 16_000, "grew by " + (Files.size(dest) - size));
        assertTrue(before < size);
        Wimlib.assertSameImages(src, 2, dest, 3, tmp);
    }

    @Test
    void exportWithRebuildLeavesNoHoles() throws Exception {
        Path dest = Wimlib.copy("basic-none.wim", tmp.resolve("d"));
        Path src = Wimlib.copy("multi-7zip.wim", tmp.resolve("s"));
        try (Wim w = Wim.open(src)) {
            ImageExport.export(w, all(w), true, dest, ImageExport.Options.defaults().withRebuild(true),
                    ProgressListener.NONE);
        }
        Wimlib.verify(dest);
        assertEquals("3", Wimlib.header(dest).get("Image Count"));
        Wimlib.assertSameImages(Wimlib.testWim("basic-none.wim"), 1, dest, 1, tmp);
        Wimlib.assertSameImages(src, 1, dest, 2, tmp);
        Wimlib.assertSameImages(src, 2, dest, 3, tmp);
        try (Wim d = Wim.open(dest)) {
            long used = d.header().xmlData().end();
            assertTrue(Files.size(dest) - used < 1024, "nothing but the XML tail after the XML");
        }
    }

    @Test
    void nameAlreadyInDestinationIsRefusedAndNothingChanges() throws Exception {
        Path dest = Wimlib.copy("multi-7zip.wim", tmp.resolve("d"));
        Path src = Wimlib.copy("multi-7zip.wim", tmp.resolve("s"));
        byte[] before = Files.readAllBytes(dest);
        try (Wim w = Wim.open(src)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageExport.export(w,
                    List.of(1), false, dest, ImageExport.Options.defaults(), ProgressListener.NONE));
            assertTrue(e.getMessage().contains("already an image named"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ImageExport.export(w, List.of(1), false, dest,
                    ImageExport.Options.defaults().withNames("other", null).withWrite(WriteChoices.none()
                            .withCompression(CompressionType.LZX, 0)), ProgressListener.NONE));
        }
        assertArrayEquals(before, Files.readAllBytes(dest));
    }

    /** Into a pipable WIM: resources are laid out anew (chunk headers) without recompression. */
    @ParameterizedTest
    @MethodSource("pipableSources")
    void exportToNewPipableWim(String name) throws Exception {
        Path src = Wimlib.copy(name, tmp.resolve("s"));
        Wimlib.assumeReadable(src);
        Path dest = tmp.resolve("p.wim");
        try (Wim w = Wimlib.open(src)) {
            ImageExport.export(w, all(w), true, dest, ImageExport.Options.defaults()
                    .withWrite(WriteChoices.none().withPipable(true)), ProgressListener.NONE);
        }
        Wimlib.verify(dest);
        try (Wim d = Wim.open(dest)) {
            assertTrue(d.header().pipable());
        }
        Wimlib.assertSameImages(src, 1, dest, 1, tmp);
        // And back: a pipable WIM into a normal one.
        Path back = tmp.resolve("back.wim");
        try (Wim w = Wim.open(dest)) {
            ImageExport.export(w, all(w), true, back, ImageExport.Options.defaults(), ProgressListener.NONE);
        }
        Wimlib.verify(back);
        Wimlib.assertSameImages(src, 1, back, 1, tmp);
    }

    static Stream<String> pipableSources() {
        return Stream.of("basic-none.wim", "basic-lzx.wim", "basic-xpress.wim", "basic-pipable.wim");
    }

    /** A delta WIM with its base: the exported image is whole, its blobs from both copied as they are. */
    @Test
    void exportFromDeltaWimWithItsBase() throws Exception {
        Path delta = Wimlib.copy("delta.wim", tmp.resolve("d"));
        Path base = Wimlib.copy("delta-base.wim", tmp.resolve("d"));
        Path out = tmp.resolve("full.wim");
        try (Wim w = Wim.open(delta, org.jwim.OpenOptions.defaults().withRefs(List.of(base)))) {
            try {
                w.image(1).tree();
            } catch (org.jwim.WimFormatException e) {
                org.junit.jupiter.api.Assumptions.assumeFalse(e.getMessage().contains("not implemented yet"),
                        e.getMessage());
                throw e;
            }
            ImageExport.export(w, List.of(1), false, out, ImageExport.Options.defaults(), ProgressListener.NONE);
        }
        Wimlib.verify(out);
        Path applied = tmp.resolve("wimlib-apply");
        Wimlib.run("apply", delta.toString(), "1", applied.toString(), "--ref=" + base);
        var expected = new java.util.TreeMap<>(org.jwim.TreeSnapshot.of(applied));
        expected.remove(".");
        assertEquals(expected, Wimlib.applied(out, 1, tmp));
        try (Wim w = Wim.open(out); Wim d = Wim.open(delta)) {
            assertEquals(d.header().compressionType(), w.header().compressionType());
        }
    }

    /** Unknown elements of an exported image's XML go with it. */
    @Test
    void unknownImagePropertiesAreExported() throws Exception {
        Path src = Wimlib.copy("basic-none.wim", tmp.resolve("s"));
        Wimlib.run("info", src.toString(), "1", "--image-property", "JWIM/UNKNOWN/DEEP=kept");
        Path dest = tmp.resolve("e.wim");
        try (Wim w = Wim.open(src)) {
            ImageExport.export(w, List.of(1), false, dest, ImageExport.Options.defaults(), ProgressListener.NONE);
        }
        XmlElement img = Wimlib.xml(dest).images().get(0);
        assertEquals("kept", img.findText("JWIM/UNKNOWN/DEEP"));
        Map<String, String> p = Wimlib.properties(img);
        assertEquals(Wimlib.properties(Wimlib.xml(src).images().get(0)), p);
    }
}
