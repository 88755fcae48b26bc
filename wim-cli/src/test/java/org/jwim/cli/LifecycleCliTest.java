package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jwim.TestPaths;
import org.jwim.Wim;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jwim export, delete, optimize, split, join, update and the editing form of info, run as command
 * lines and checked with wimlib-imagex (verify, info, dir) and against wimlib-imagex doing the same.
 */
class LifecycleCliTest {
    @TempDir
    Path tmp;

    static Path testWim(String name) {
        return TestPaths.testdata().resolve("wims").resolve(name);
    }

    Path copy(String name) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "w");
        return Files.copy(testWim(name), dir.resolve(name));
    }

    static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args).skipIfCodecMissing();
        assertEquals(0, r.rc(), r.toString());
        return r;
    }

    static void verify(Path wim, String... more) {
        Wimlib.assume();
        List<String> a = new ArrayList<>(List.of("verify", wim.toString()));
        a.addAll(List.of(more));
        Cli.Result r = Wimlib.run(a);
        assertEquals(0, r.rc(), r.toString());
    }

    /** wimlib-imagex dir of every image, the files as wimlib lists them. */
    static String dirs(Path wim, String... more) {
        StringBuilder b = new StringBuilder();
        int n = Integer.parseInt(Wimlib.run("info", wim.toString(), "--header").out().lines()
                .filter(l -> l.startsWith("Image Count")).findFirst().orElseThrow().replaceAll(".*= *", ""));
        for (int i = 1; i <= n; i++) {
            List<String> a = new ArrayList<>(List.of("dir", wim.toString(), Integer.toString(i)));
            a.addAll(List.of(more));
            b.append(Wimlib.run(a).out());
        }
        return b.toString();
    }

    /** The "Available Images" part of wimlib-imagex info (names, descriptions, counts). */
    static String images(Path wim) {
        String s = Wimlib.run("info", wim.toString()).out();
        return s.substring(s.indexOf("Available Images"));
    }

    @Test
    void exportNewThenAppend() throws Exception {
        Wimlib.assume();
        Path src = copy("multi-7zip.wim");
        Path out = tmp.resolve("out.wim");
        ok("export", src.toString(), "all", out.toString());
        verify(out);
        assertEquals(dirs(src), dirs(out));
        ok("export", src.toString(), "1", out.toString(), "third", "the third", "--boot");
        verify(out);
        String info = Wimlib.run("info", out.toString()).out();
        assertTrue(info.contains("Image Count:    3"), info);
        assertTrue(info.contains("Boot Index:     3"), info);
        assertTrue(info.contains("Name:                   third"), info);
        assertTrue(info.contains("Description:            the third"), info);

        Cli.Result taken = Cli.run("export", src.toString(), "1", out.toString());
        assertEquals(1, taken.rc(), taken.toString());
        assertTrue(taken.err().startsWith("jwim: error: there is already an image named"), taken.err());
        assertEquals(2, Cli.run("export", src.toString(), "all", out.toString(), "name").rc());
        Cli.Result bad = Cli.run("export", src.toString(), "9", out.toString());
        assertEquals(2, bad.rc());
        assertTrue(bad.err().contains("is not a valid image"), bad.err());
    }

    @Test
    void exportWithoutTheCompressorLeavesNothingBehind() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(ChunkCodecs.canCompress(CompressionType.LZX),
                "LZX compression exists: nothing to refuse");
        Path src = copy("multi-7zip.wim");
        Path out = src.resolveSibling("new.wim");
        Cli.Result r = Cli.run("export", src.toString(), "all", out.toString(), "--compress=maximum");
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.err().contains("not available"), r.err());
        try (Stream<Path> s = Files.list(src.getParent())) {
            assertEquals(List.of(src), s.toList(), "no new WIM and no temporary file left");
        }
    }

    @Test
    void deleteAndSoftDelete() throws Exception {
        Wimlib.assume();
        Path wim = copy("multi-7zip.wim");
        Path soft = copy("multi-7zip.wim");
        Path theirs = copy("multi-7zip.wim");
        ok("delete", wim.toString(), "1");
        ok("delete", soft.toString(), "1", "--soft");
        assertEquals(0, Wimlib.run("delete", theirs.toString(), "1").rc());
        verify(wim);
        verify(soft);
        assertEquals(images(theirs), images(wim));
        assertEquals(images(theirs), images(soft));
        assertEquals(dirs(theirs), dirs(soft));
        assertTrue(Files.size(soft) > Files.size(wim), "the soft delete leaves the data in the file");
        ok("delete", wim.toString(), "all");
        verify(wim);
        assertEquals(2, Cli.run("delete", soft.toString(), "nonexistent").rc());
    }

    @Test
    void optimizePrintsSizesAsWimlib() throws Exception {
        Wimlib.assume();
        Path wim = copy("multi-7zip.wim");
        ok("delete", "--soft", wim.toString(), "1");
        long before = Files.size(wim);
        Cli.Result r = ok("optimize", wim.toString(), "--check");
        long after = Files.size(wim);
        assertEquals("\"" + wim + "\" original size: " + (before >> 10) + " KiB\n\"" + wim + "\" optimized size: "
                + (after >> 10) + " KiB\nSpace saved: " + ((before - after) >> 10) + " KiB\n", r.out());
        verify(wim);
        assertTrue(Wimlib.run("info", wim.toString(), "--check").err().isEmpty(), "an integrity table, and it checks out");
    }

    @Test
    void splitThenReadThenJoin() throws Exception {
        Wimlib.assume();
        Path wim = copy("basic-none.wim");
        Path first = wim.resolveSibling("parts.swm");
        Cli.Result r = ok("split", wim.toString(), first.toString(), "0.5");
        assertEquals("Finished splitting \"" + wim + "\"\n", r.out());
        String glob = first.getParent() + "/parts*.swm";
        verify(first, "--ref=" + glob);
        // jwim's reading commands take the split set with --ref.
        assertArrayEquals(Wimlib.run("dir", first.toString(), "1", "--ref=" + glob).outBytes(),
                ok("dir", first.toString(), "1", "--ref", glob).outBytes());
        ok("verify", first.toString(), "--ref", glob);
        List<String> join = new ArrayList<>(List.of("join", wim.resolveSibling("joined.wim").toString()));
        try (Stream<Path> s = Files.list(first.getParent())) {
            s.filter(p -> p.getFileName().toString().endsWith(".swm")).forEach(p -> join.add(p.toString()));
        }
        assertTrue(join.size() > 3, "several parts");
        ok(join.toArray(String[]::new));
        verify(wim.resolveSibling("joined.wim"));
        assertEquals(dirs(wim), dirs(wim.resolveSibling("joined.wim")));
        assertEquals(2, Cli.run("split", wim.toString(), first.toString(), "zero").rc());
    }

    @Test
    void updateWithCommandsAndFromStandardInput() throws Exception {
        Wimlib.assume();
        Path wim = copy("multi-7zip.wim");
        Path src = Files.createDirectories(tmp.resolve("add me"));
        Files.writeString(src.resolve("new.txt"), "new\n");
        Cli.Result r = ok("update", wim.toString(), "2", "--command", "delete --recursive docs",
                "--command", "add '" + src + "' /added", "--command", "rename /readme.txt /README.TXT");
        assertEquals("Deleted WIM path \"/docs\"\nRenamed WIM path \"/readme.txt\" => \"/README.TXT\"\n", r.out());
        verify(wim);
        String listing = Wimlib.run("dir", wim.toString(), "2").out();
        assertTrue(listing.contains("/added/new.txt\n") && listing.contains("/README.TXT\n")
                && !listing.contains("/docs"), listing);

        // Commands on standard input, one a line, as wimupdate reads them (a real process for the pipe).
        Path cmds = tmp.resolve("cmds.txt");
        Files.writeString(cmds, "# comment\ndelete /added/new.txt\nrename /src /sources\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "update", wim.toString(), "2"));
        Process p = new ProcessBuilder(cmd).redirectInput(cmds.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        verify(wim);
        listing = Wimlib.run("dir", wim.toString(), "2").out();
        assertTrue(listing.contains("/sources/main.c\n") && !listing.contains("/added/new.txt"), listing);

        Cli.Result two = Cli.run("update", wim.toString(), "--command", "delete /x");
        assertEquals(2, two.rc(), "two images: IMAGE must be given");
        Cli.Result missing = Cli.run("update", wim.toString(), "2", "--command", "delete /no/such");
        assertEquals(1, missing.rc());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertEquals(2, Cli.run("update", wim.toString(), "2", "--command", "move a b").rc());
    }

    /** The editing form of info prints what wimlib-imagex info prints and leaves the XML as it leaves it. */
    @Test
    void infoEditsLikeWimlib() throws Exception {
        Wimlib.assume();
        List<List<String>> edits = List.of(
                List.of("1", "New name", "New description", "--image-property", "WINDOWS/EDITIONID=Pro", "--boot"),
                List.of("1", "New name"),
                List.of("2", "--image-property", "DISPLAYNAME=Shown", "--image-property", "FLAGS="),
                List.of("0", "--boot"),
                List.of("1", "--boot", "--check"));
        Path ours = copy("multi.wim");
        Path theirs = copy("multi.wim");
        for (List<String> e : edits) {
            List<String> a = new ArrayList<>(List.of("info", ours.toString()));
            a.addAll(e);
            List<String> b = new ArrayList<>(List.of("info", theirs.toString()));
            b.addAll(e);
            Cli.Result mine = Cli.run(a);
            Cli.Result wimlib = Wimlib.run(b);
            assertEquals(0, mine.rc(), mine.toString());
            // wimlib-imagex's progress lines are left out: jwim prints no progress here.
            String expected = wimlib.out().replace(theirs.toString(), ours.toString()).replace("\r", "")
                    .replaceAll("Calculating integrity table for WIM[^\n]*\n", "");
            assertEquals(expected, mine.out(), e.toString());
            assertEquals(xmlWithoutTotal(theirs), xmlWithoutTotal(ours), e.toString());
            verify(ours);
        }
        assertFalse(Wimlib.run("info", ours.toString(), "--header").out().contains("Integrity Size              = 0"));
        ok("info", ours.toString(), "1", "--nocheck");
        assertTrue(Wimlib.run("info", ours.toString(), "--header").out().contains("Integrity Size              = 0"),
                "--nocheck with an IMAGE drops the table");
        Cli.Result taken = Cli.run("info", ours.toString(), "1", "small2");
        assertEquals(1, taken.rc(), taken.toString());
        assertEquals(2, Cli.run("info", ours.toString(), "all", "x").rc(), "a new name needs one image");
        // Display still works as before, --check included.
        assertEquals(0, Cli.run("info", ours.toString(), "--check").rc());
    }

    /**
     * The XML wimlib reads, without the WIM's TOTALBYTES (the XML's own offset, which differs) and
     * the line end wimlib 1.13.5 puts after it.
     */
    static String xmlWithoutTotal(Path wim) {
        byte[] b = Wimlib.run("info", wim.toString(), "--xml").outBytes();
        return new String(b, StandardCharsets.UTF_16LE).strip().replaceAll("<TOTALBYTES>\\d+</TOTALBYTES></WIM>$",
                "</WIM>");
    }

    @Test
    void helpNamesTheDismCommands() {
        String export = ok("help", "export").out();
        assertTrue(export.contains("/Export-Image") && export.contains("--ref") && export.contains("--solid"), export);
        assertTrue(ok("help", "delete").out().contains("/Delete-Image"));
        assertTrue(ok("help", "split").out().contains("/Split-Image"));
        String update = ok("help", "update").out();
        assertTrue(update.contains("rename OLD_PATH NEW_PATH") && update.contains("--rebuild"), update);
        String info = ok("help", "info").out();
        assertTrue(info.contains("NEW_NAME") && info.contains("--image-property"), info);
    }

    @Test
    void splitSetsCannotBeChanged() throws Exception {
        Path split = copy("split.swm");
        byte[] before = Files.readAllBytes(split);
        for (String[] a : new String[][] {{"delete", split.toString(), "1"}, {"optimize", split.toString()},
            {"info", split.toString(), "1", "x"}, {"update", split.toString(), "1", "--command", "delete /x"}}) {
            Cli.Result r = Cli.run(a);
            assertEquals(1, r.rc(), r.toString());
            assertTrue(r.err().contains("split"), r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(split));
        try (Wim w = Wim.open(split)) {
            assertEquals(3, w.header().totalParts());
        }
    }
}
