package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jwim.WimFormatException;
import org.jwim.write.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Delete (rebuild and soft), checked against what wimlib's own delete leaves. */
class DeleteTest {
    @TempDir
    Path tmp;

    static Stream<String> multiImageWims() {
        return Stream.of("multi-7zip.wim", "multi.wim", "deleted-hole.wim");
    }

    @ParameterizedTest
    @MethodSource("multiImageWims")
    void deleteRebuildsWithTheSameBlobsWimlibKeeps(String name) throws Exception {
        for (int gone = 1; gone <= 2; gone++) {
            Path dir = tmp.resolve(name + "-" + gone);
            Path wim = Wimlib.copy(name, dir.resolve("jwim"));
            Wimlib.assumeReadable(wim);
            Path theirs = Wimlib.copy(name, dir.resolve("wimlib"));
            Wimlib.run("delete", theirs.toString(), Integer.toString(gone));
            long before = Files.size(wim);
            ImageDelete.delete(wim, List.of(gone), false, null, false, ProgressListener.NONE);
            Wimlib.verify(wim);
            assertEquals(Wimlib.blobs(theirs), Wimlib.blobs(wim), "blobs and reference counts as wimlib's delete");
            assertEquals(Wimlib.header(theirs).get("Image Count"), Wimlib.header(wim).get("Image Count"));
            assertEquals(Wimlib.header(theirs).get("Boot Index"), Wimlib.header(wim).get("Boot Index"));
            assertEquals(Wimlib.header(Wimlib.testWim(name)).get("GUID"), Wimlib.header(wim).get("GUID"),
                    "a rebuild keeps the GUID");
            assertTrue(Files.size(wim) < before);
            var xml = Wimlib.xml(wim).images();
            var orig = Wimlib.xml(Wimlib.testWim(name)).images();
            int j = 1;
            for (int i = 1; i <= orig.size(); i++) {
                if (i == gone) {
                    continue;
                }
                Wimlib.assertSameImages(Wimlib.testWim(name), i, wim, j, tmp);
                assertEquals(Wimlib.properties(orig.get(i - 1)), Wimlib.properties(xml.get(j - 1)));
                j++;
            }
            Wimlib.readAll(wim);
        }
    }

    @ParameterizedTest
    @MethodSource("multiImageWims")
    void softDeleteDropsOnlyTheImageAndItsUnusedBlobs(String name) throws Exception {
        Path wim = Wimlib.copy(name, tmp.resolve("jwim"));
        Wimlib.assumeReadable(wim);
        Path theirs = Wimlib.copy(name, tmp.resolve("wimlib"));
        Wimlib.run("delete", "--soft", theirs.toString(), "1");
        byte[] old = Files.readAllBytes(wim);
        ImageDelete.delete(wim, List.of(1), true, null, false, ProgressListener.NONE);
        Wimlib.verify(wim);
        assertEquals(Wimlib.blobs(theirs), Wimlib.blobs(wim), "blobs and reference counts as wimlib's soft delete");
        assertEquals(Wimlib.header(theirs).get("Boot Index"), Wimlib.header(wim).get("Boot Index"));
        byte[] now = Files.readAllBytes(wim);
        assertTrue(now.length >= old.length, "a soft delete only appends");
        assertArrayEquals(Arrays.copyOfRange(old, 208, old.length), Arrays.copyOfRange(now, 208, old.length),
                "everything but the header stays where it was");
        int count = Integer.parseInt(Wimlib.header(Wimlib.testWim(name)).get("Image Count"));
        for (int i = 2; i <= count; i++) {
            Wimlib.assertSameImages(Wimlib.testWim(name), i, wim, i - 1, tmp);
        }
        // wimlib can keep working on it: an optimize removes the hole.
        Wimlib.run("optimize", wim.toString());
        Wimlib.verify(wim);
    }

    @Test
    void bootIndexFollowsItsImage() throws Exception {
        Path wim = Wimlib.copy("multi.wim", tmp.resolve("a"));
        Wimlib.assumeReadable(wim);
        assertEquals("2", Wimlib.header(wim).get("Boot Index"));
        ImageDelete.delete(wim, List.of(1), false, null, false, ProgressListener.NONE);
        assertEquals("1", Wimlib.header(wim).get("Boot Index"));
        Wimlib.verify(wim);
        Path soft = Wimlib.copy("multi.wim", tmp.resolve("b"));
        ImageDelete.delete(soft, List.of(1, 3), true, null, false, ProgressListener.NONE);
        assertEquals("1", Wimlib.header(soft).get("Boot Index"));
        assertEquals("1", Wimlib.header(soft).get("Image Count"));
        Wimlib.verify(soft);
    }

    @Test
    void deleteAllLeavesAnEmptyWimWimlibAccepts() throws Exception {
        for (boolean soft : new boolean[] {false, true}) {
            Path wim = Wimlib.copy("multi-7zip.wim", tmp.resolve("all-" + soft));
            Path theirs = Wimlib.copy("multi-7zip.wim", tmp.resolve("wimlib-" + soft));
            Wimlib.run(soft ? new String[] {"delete", "--soft", theirs.toString(), "all"}
                    : new String[] {"delete", theirs.toString(), "all"});
            ImageDelete.delete(wim, List.of(1, 2), soft, null, false, ProgressListener.NONE);
            Wimlib.verify(wim);
            assertEquals("0", Wimlib.header(wim).get("Image Count"));
            assertEquals(Wimlib.blobs(theirs), Wimlib.blobs(wim));
            assertEquals(soft, !Wimlib.blobs(wim).isEmpty(), "only a soft delete leaves (unreferenced) blobs");
        }
    }

    @Test
    void splitWimsAndMissingImagesAreRefused() throws Exception {
        Path split = Wimlib.copy("split.swm", tmp.resolve("s"));
        byte[] before = Files.readAllBytes(split);
        assertThrows(WimFormatException.class, () -> ImageDelete.delete(split, List.of(1), false, null, false,
                ProgressListener.NONE));
        assertArrayEquals(before, Files.readAllBytes(split));
        Path wim = Wimlib.copy("multi-7zip.wim", tmp.resolve("m"));
        assertThrows(IllegalArgumentException.class, () -> ImageDelete.delete(wim, List.of(3), true, null, false,
                ProgressListener.NONE));
    }

    @Test
    void deleteInAPipableWimRebuildsItPipable() throws Exception {
        Path src = Wimlib.copy("multi-7zip.wim", tmp.resolve("s"));
        Path pipable = tmp.resolve("p.wim");
        try (var w = org.jwim.Wim.open(src)) {
            ImageExport.export(w, List.of(1, 2), true, pipable, ImageExport.Options.defaults()
                    .withWrite(WriteChoices.none().withPipable(true)), ProgressListener.NONE);
        }
        ImageDelete.delete(pipable, List.of(1), true, null, false, ProgressListener.NONE);
        Wimlib.verify(pipable);
        try (var w = org.jwim.Wim.open(pipable)) {
            assertTrue(w.header().pipable());
            assertEquals(1, w.imageCount());
        }
        Wimlib.assertSameImages(src, 2, pipable, 1, tmp);
    }
}
