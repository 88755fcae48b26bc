package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.Wim;
import org.jwim.format.XmlElement;
import org.jwim.write.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing image properties, checked against what wimlib-imagex info does with the same arguments. */
class ImagePropertiesTest {
    @TempDir
    Path tmp;

    /** Runs the same edit with wimlib and jwim on two copies; returns {jwim copy, wimlib copy}. */
    Path[] both(String name, int image, ImageProperties.Changes c, String... wimlibArgs) throws Exception {
        Path ours = Wimlib.copy(name, tmp.resolve("jwim" + System.nanoTime()));
        Path theirs = Wimlib.copy(name, tmp.resolve("wimlib" + System.nanoTime()));
        List<String> args = new ArrayList<>(List.of("info", theirs.toString(), Integer.toString(image)));
        args.addAll(List.of(wimlibArgs));
        List<String> wimlibSays = Wimlib.run(args.toArray(String[]::new)).stdout().lines()
                .filter(l -> !l.contains("was not modified")).toList();
        ImageProperties.Outcome o = ImageProperties.apply(ours, image, c, false, ProgressListener.NONE);
        assertEquals(wimlibSays, o.messages(), "the same messages as wimlib-imagex");
        return new Path[] {ours, theirs};
    }

    static void assertSameXml(Path a, Path b) throws Exception {
        var xa = Wimlib.xml(a).images();
        var xb = Wimlib.xml(b).images();
        assertEquals(xb.size(), xa.size());
        for (int i = 0; i < xa.size(); i++) {
            assertEquals(Wimlib.properties(xb.get(i)), Wimlib.properties(xa.get(i)), "image " + (i + 1));
        }
    }

    @Test
    void nameDescriptionPropertiesAndBootAsWimlib() throws Exception {
        ImageProperties.Changes c = ImageProperties.Changes.none().withName("New name").withDescription("New desc")
                .withProperty("WINDOWS/EDITIONID", "Pro").withProperty("JWIM/UNKNOWN", "x")
                .withProperty("WINDOWS/LANGUAGES/LANGUAGE[2]", "fr-FR").withProperty("FLAGS", "").withBoot(true);
        Path[] w = both("multi.wim", 1, c, "New name", "New desc", "--image-property", "WINDOWS/EDITIONID=Pro",
                "--image-property", "JWIM/UNKNOWN=x", "--image-property", "WINDOWS/LANGUAGES/LANGUAGE[2]=fr-FR",
                "--image-property", "FLAGS=", "--boot");
        Wimlib.verify(w[0]);
        assertSameXml(w[0], w[1]);
        assertEquals(Wimlib.header(w[1]).get("Boot Index"), Wimlib.header(w[0]).get("Boot Index"));
        assertEquals("1", Wimlib.header(w[0]).get("Boot Index"));
        assertEquals(Wimlib.blobs(w[1]), Wimlib.blobs(w[0]));
    }

    @Test
    void onlyXmlAndHeaderAreWritten() throws Exception {
        Path wim = Wimlib.copy("multi.wim", tmp.resolve("a"));
        byte[] old = Files.readAllBytes(wim);
        ImageProperties.Outcome o = ImageProperties.apply(wim, 3, ImageProperties.Changes.none().withName("renamed"),
                false, ProgressListener.NONE);
        assertTrue(o.written());
        byte[] now = Files.readAllBytes(wim);
        assertArrayEquals(Arrays.copyOfRange(old, 208, old.length), Arrays.copyOfRange(now, 208, old.length));
        assertTrue(now.length - old.length < 8192, "only a new XML was appended");
        try (Wim w = Wim.open(wim)) {
            assertEquals(w.header().blobTable(), headerOf(old).blobTable(), "the blob table stays where it was");
            assertEquals("renamed", w.images().get(2).name());
        }
        Wimlib.verify(wim);

        // Nothing to change: nothing written.
        ImageProperties.Outcome again = ImageProperties.apply(wim, 3,
                ImageProperties.Changes.none().withName("renamed"), false, ProgressListener.NONE);
        assertFalse(again.written());
        assertEquals(List.of("The NAME property of image 3 already has value \"renamed\"."), again.messages());
        assertArrayEquals(now, Files.readAllBytes(wim));

        // The layout stays one wimlib changes in place itself (blob table before XML before integrity table).
        ImageProperties.apply(wim, 1, ImageProperties.Changes.none().withIntegrity(true), false, ProgressListener.NONE);
        for (String[] a : new String[][] {{"info", wim.toString(), "2", "by wimlib", "--check"},
            {"delete", "--soft", wim.toString(), "1", "--check"}}) {
            var r = Wimlib.run(a);
            assertFalse((r.stdout() + r.stderr()).contains("Falling back"), "wimlib appended in place: " + r.stderr());
        }
        Wimlib.verify(wim);
        assertTrue(Wimlib.run("info", wim.toString(), "--check").stderr().isEmpty());
        assertEquals("by wimlib", Wimlib.xml(wim).images().get(0).findText("NAME"));
    }

    static org.jwim.format.WimHeader headerOf(byte[] wim) throws Exception {
        Path f = Files.createTempFile("h", ".wim");
        try {
            Files.write(f, wim);
            try (Wim w = Wim.open(f)) {
                return w.header();
            }
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void integrityTableAddedKeptAndDropped() throws Exception {
        Path wim = Wimlib.copy("multi.wim", tmp.resolve("i"));
        ImageProperties.apply(wim, 1, ImageProperties.Changes.none().withIntegrity(true), false, ProgressListener.NONE);
        assertNotEquals("0", Wimlib.header(wim).get("Integrity Size"));
        assertTrue(Wimlib.run("info", wim.toString(), "--check").stderr().isEmpty(), "wimlib checks the new table");
        // An edit keeps the table; it still covers the same bytes, so it is copied, not computed anew.
        ImageProperties.apply(wim, 2, ImageProperties.Changes.none().withDescription("d"), true, ProgressListener.NONE);
        assertNotEquals("0", Wimlib.header(wim).get("Integrity Size"));
        assertTrue(Wimlib.run("info", wim.toString(), "--check").stderr().isEmpty());
        ImageProperties.apply(wim, 1, ImageProperties.Changes.none().withIntegrity(false), false, ProgressListener.NONE);
        assertEquals("0", Wimlib.header(wim).get("Integrity Size"));
        Wimlib.verify(wim);
    }

    @Test
    void takenNamesAndBadPropertiesAreRefusedWithoutChange() throws Exception {
        Path wim = Wimlib.copy("multi.wim", tmp.resolve("n"));
        byte[] before = Files.readAllBytes(wim);
        for (ImageProperties.Changes c : List.of(
                ImageProperties.Changes.none().withName("small2"),
                ImageProperties.Changes.none().withProperty("NAME", "basic"),
                ImageProperties.Changes.none().withProperty("NEWTHING[2]", "b"),
                ImageProperties.Changes.none().withProperty("A//B", "b"),
                ImageProperties.Changes.none().withProperty("X", "bad\u0001char"))) {
            assertThrows(IllegalArgumentException.class, () -> ImageProperties.apply(wim, 1, c, false,
                    ProgressListener.NONE), c.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ImageProperties.apply(wim, 4,
                ImageProperties.Changes.none().withName("x"), false, ProgressListener.NONE));
        assertArrayEquals(before, Files.readAllBytes(wim));
        // Image 0 with --boot: no bootable image.
        Path[] w = both("multi.wim", 0, ImageProperties.Changes.none().withBoot(true), "--boot");
        assertEquals("0", Wimlib.header(w[0]).get("Boot Index"));
        Wimlib.verify(w[0]);
    }

    @Test
    void emptyNameRemovesIt() throws Exception {
        Path[] w = both("multi.wim", 2, ImageProperties.Changes.none().withName(""), "");
        assertSameXml(w[0], w[1]);
        XmlElement img = Wimlib.xml(w[0]).images().get(1);
        assertEquals(null, img.child("NAME"));
    }

    @Test
    void pipableWimIsRebuiltWithTheEdit() throws Exception {
        Path src = Wimlib.copy("basic-none.wim", tmp.resolve("s"));
        Path wim = tmp.resolve("p.wim");
        try (Wim w = Wim.open(src)) {
            ImageExport.export(w, List.of(1), false, wim, ImageExport.Options.defaults()
                    .withWrite(WriteChoices.none().withPipable(true)), ProgressListener.NONE);
        }
        ImageProperties.apply(wim, 1, ImageProperties.Changes.none().withName("piped").withBoot(true), false,
                ProgressListener.NONE);
        Wimlib.verify(wim);
        try (Wim w = Wim.open(wim)) {
            assertTrue(w.header().pipable());
            assertEquals("piped", w.images().get(0).name());
            assertEquals(1, w.header().bootIndex());
        }
        Wimlib.assertSameImages(src, 1, wim, 1, tmp);
    }
}
