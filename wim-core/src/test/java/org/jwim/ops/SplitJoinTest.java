package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jwim.WimFormatException;
import org.jwim.write.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Split and join, checked part by part against wimlib's split. */
class SplitJoinTest {
    @TempDir
    Path tmp;

    static Stream<String> wims() {
        return Stream.of("basic-none.wim", "multi.wim", "multi-7zip.wim", "basic-xpress.wim", "basic-pipable.wim",
                "basic-check.wim");
    }

    @ParameterizedTest
    @MethodSource("wims")
    void splitLikeWimlibThenJoin(String name) throws Exception {
        Path wim = Wimlib.copy(name, tmp.resolve("src"));
        Wimlib.assumeReadable(wim);
        byte[] original = Files.readAllBytes(wim);
        Path theirs = Files.createDirectories(tmp.resolve("wimlib")).resolve("w.swm");
        Wimlib.run("split", wim.toString(), theirs.toString(), "0.3");
        Path ours = Files.createDirectories(tmp.resolve("jwim")).resolve("w.swm");
        List<Path> parts = WimSplit.split(wim, ours, 3 * (1 << 20) / 10, false, false, ProgressListener.NONE);
        assertArrayEquals(original, Files.readAllBytes(wim), "the source is not touched");
        List<Path> theirParts = new ArrayList<>(Wimlib.otherParts(theirs));
        theirParts.add(0, theirs);
        assertEquals(theirParts.size(), parts.size(), "as many parts as wimlib makes");
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(WimSplit.partName(ours, i + 1), parts.get(i));
            Map<String, String> h = Wimlib.header(parts.get(i));
            assertEquals(Integer.toString(i + 1), h.get("Part Number"));
            assertEquals(Integer.toString(parts.size()), h.get("Total Parts"));
            assertEquals(Wimlib.header(theirParts.get(i)).get("Boot Index"), h.get("Boot Index"));
            assertEquals(Wimlib.blobs(theirParts.get(i)), Wimlib.blobs(parts.get(i)), "part " + (i + 1)
                    + " holds the blobs wimlib puts there");
        }
        Wimlib.verify(ours);
        int images = Integer.parseInt(Wimlib.header(wim).get("Image Count"));
        for (int i = 1; i <= images; i++) {
            Wimlib.assertSameImages(wim, i, ours, i, tmp);
        }
        Wimlib.readAll(ours);

        Path joined = tmp.resolve("joined.wim");
        List<Path> shuffled = new ArrayList<>(parts);
        java.util.Collections.reverse(shuffled);
        WimSplit.join(joined, shuffled, null, true, ProgressListener.NONE);
        Wimlib.verify(joined);
        for (int i = 1; i <= images; i++) {
            Wimlib.assertSameImages(wim, i, joined, i, tmp);
        }
        assertEquals(Wimlib.blobs(wim), Wimlib.blobs(joined));
        var xo = Wimlib.xml(wim).images();
        var xj = Wimlib.xml(joined).images();
        for (int i = 0; i < images; i++) {
            assertEquals(Wimlib.properties(xo.get(i)), Wimlib.properties(xj.get(i)));
        }
    }

    @Test
    void joinWimlibsSplitSet() throws Exception {
        Path first = Wimlib.copy("split.swm", tmp.resolve("s"));
        Wimlib.assumeReadable(first);
        List<Path> parts = new ArrayList<>(Wimlib.otherParts(first));
        parts.add(first);
        Path joined = tmp.resolve("j.wim");
        WimSplit.join(joined, parts, true, false, ProgressListener.NONE);
        Wimlib.verify(joined);
        assertTrue(Wimlib.run("info", joined.toString(), "--check").stderr().isEmpty());
        Wimlib.assertSameImages(first, 1, joined, 1, tmp);
        Path theirs = tmp.resolve("wimlib.wim");
        List<String> args = new ArrayList<>(List.of("join", theirs.toString()));
        parts.forEach(p -> args.add(p.toString()));
        Wimlib.run(args.toArray(String[]::new));
        assertEquals(Wimlib.blobs(theirs), Wimlib.blobs(joined));
    }

    @Test
    void missingPartsAndSolidWimsAreRefused() throws Exception {
        Path first = Wimlib.copy("split.swm", tmp.resolve("s"));
        WimFormatException e = assertThrows(WimFormatException.class, () -> WimSplit.join(tmp.resolve("j.wim"),
                List.of(first, Wimlib.otherParts(first).get(0)), null, false, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("j.wim")));
        Path esd = Wimlib.copy("basic-solid.esd", tmp.resolve("e"));
        assertThrows(WimFormatException.class, () -> WimSplit.split(esd, tmp.resolve("x.swm"), 1 << 20, false, false,
                ProgressListener.NONE));
        assertTrue(Files.notExists(tmp.resolve("x.swm")));
    }

    @Test
    void partNames() {
        assertEquals(Path.of("a/install2.swm"), WimSplit.partName(Path.of("a/install.swm"), 2));
        assertEquals(Path.of("a/x.y12.swm"), WimSplit.partName(Path.of("a/x.y.swm"), 12));
        assertEquals(Path.of("noext3"), WimSplit.partName(Path.of("noext"), 3));
        assertEquals(Path.of("p.swm"), WimSplit.partName(Path.of("p.swm"), 1));
    }
}
