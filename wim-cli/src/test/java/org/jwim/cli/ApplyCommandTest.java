package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.TestPaths;
import org.jwim.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwim apply} and {@code jwim extract} against {@code wimlib-imagex apply} and
 * {@code extract} with the same arguments, their errors, and the command as a real process in the
 * C locale (non-ASCII names must still come out right through the launcher).
 */
class ApplyCommandTest {
    private static final Path WIMS = TestPaths.testdata().resolve("wims");
    private static final String BASIC = WIMS.resolve("basic-none.wim").toString();

    @TempDir
    Path tmp;

    /**
     * A tree as jwim can reproduce it: symlink times to the microsecond and pre-1970 times to the
     * second (Java 17's limits), links into {@code from} read as into {@code to}.
     */
    static Map<String, TreeSnapshot.Entry> comparable(Path root, Path from, Path to) throws IOException {
        Map<String, TreeSnapshot.Entry> m = new TreeMap<>();
        for (var e : TreeSnapshot.of(root).entrySet()) {
            TreeSnapshot.Entry x = e.getValue();
            long t = x.mtimeNanos();
            if (t < 0 && t % 1_000_000_000L != 0) {
                t = Math.floorDiv(t, 1_000_000_000L) * 1_000_000_000L;
            } else if (x.type().equals("symlink")) {
                t = Math.floorDiv(t, 1000L) * 1000L;
            }
            String target = x.target() == null ? null : x.target().replace(from.toString(), to.toString());
            m.put(e.getKey(), new TreeSnapshot.Entry(x.type(), x.size(), x.sha1(), target, t, x.linkGroup(), x.mode(),
                    x.uid(), x.gid()));
        }
        return m;
    }

    @Test
    void applyGivesWhatWimlibApplyGives() throws Exception {
        Path mine = tmp.resolve("jwim");
        Cli.Result r = Cli.run("apply", BASIC, "1", mine.toString());
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().startsWith("Applying image 1 (\"tree-basic\") from \"" + BASIC + "\" to directory \""),
                r.out());
        assertTrue(Files.isDirectory(mine.resolve("unicode/中文目录")));
        Wimlib.assume();
        Path theirs = tmp.resolve("wimlib");
        Wimlib.run("apply", BASIC, "1", theirs.toString());
        assertEquals(comparable(theirs, theirs, mine), comparable(mine, mine, mine));
    }

    @Test
    void applyAllMakesOneDirectoryPerImageNamedAfterIt() throws Exception {
        String multi = WIMS.resolve("multi-7zip.wim").toString();
        Path mine = tmp.resolve("jwim");
        Cli.Result r = Cli.run("apply", multi, "all", mine.toString(), "--quiet");
        assertEquals(0, r.rc(), r.toString());
        assertEquals("", r.out());
        assertEquals(List.of("1", "2"), listing(mine));
        Wimlib.assume();
        Path theirs = tmp.resolve("wimlib");
        Wimlib.run("apply", multi, "all", theirs.toString());
        Map<String, TreeSnapshot.Entry> expected = comparable(theirs, theirs, mine);
        Map<String, TreeSnapshot.Entry> actual = comparable(mine, mine, mine);
        // The directory holding the images is made, not applied: its time is the moment each tool ran.
        expected.remove(".");
        actual.remove(".");
        assertEquals(expected, actual);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void commandLineErrors() {
        String multi = WIMS.resolve("multi-7zip.wim").toString();
        Cli.Result noImage = Cli.run("apply", multi, tmp.resolve("x").toString());
        assertEquals(2, noImage.rc(), noImage.toString());
        assertTrue(noImage.err().contains("contains 2 images"), noImage.err());
        Cli.Result badImage = Cli.run("apply", BASIC, "7", tmp.resolve("x").toString());
        assertEquals(2, badImage.rc(), badImage.toString());
        assertTrue(badImage.err().contains("\"7\" is not a valid image"), badImage.err());
        Cli.Result missing = Cli.run("extract", BASIC, "1", "/no/such*", "--dest-dir=" + tmp.resolve("e"));
        assertEquals(1, missing.rc(), missing.toString());
        assertTrue(missing.err().contains("No matches for path pattern \"/no/such*\""), missing.err());
        Cli.Result both = Cli.run("extract", BASIC, "1", "/x", "--no-globs", "--nullglob");
        assertEquals(2, both.rc(), both.toString());
        Cli.Result all = Cli.run("extract", BASIC, "all", "/x");
        assertEquals(2, all.rc(), all.toString());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void extractPathsAndListFilesAsWimlibExtracts() throws Exception {
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "; paths\n/links/hard\n\n  \\unicode\\*.txt  \n# end\n", StandardCharsets.UTF_8);
        List<String> args = List.of(BASIC, "1", "/sizes/1", "/deep/d01/d02/d03", "@" + list, "/times/*");
        Path mine = tmp.resolve("jwim");
        List<String> cmd = new ArrayList<>(List.of("extract"));
        cmd.addAll(args);
        cmd.add("--dest-dir=" + mine);
        Cli.Result r = Cli.run(cmd);
        assertEquals(0, r.rc(), r.toString());
        assertTrue(Files.isRegularFile(mine.resolve("1")));
        assertTrue(Files.isRegularFile(mine.resolve("links/hard/pair-1.bin")));
        assertTrue(Files.isRegularFile(mine.resolve("after-2038")));
        Wimlib.assume();
        Path theirs = tmp.resolve("wimlib");
        List<String> w = new ArrayList<>(List.of("extract"));
        w.addAll(args);
        w.add("--dest-dir=" + theirs);
        assertEquals(0, Wimlib.run(w).rc());
        Map<String, TreeSnapshot.Entry> expected = comparable(theirs, theirs, mine);
        Map<String, TreeSnapshot.Entry> actual = comparable(mine, mine, mine);
        // The destination gets files after the list file gave it the root's times: its time is the
        // moment each tool ran.
        expected.remove(".");
        actual.remove(".");
        assertEquals(expected, actual);
    }

    @Test
    void extractToStdoutWritesTheBytesWimlibWrites() {
        Cli.Result r = Cli.run("extract", BASIC, "1", "/pe/notepad.exe", "/text/big.txt", "--to-stdout");
        assertEquals(0, r.rc(), r.toString());
        assertEquals(490403 + 1100000, r.outBytes().length);
        Wimlib.assume();
        assertArrayEquals(Wimlib.run("extract", BASIC, "1", "/pe/notepad.exe", "/text/big.txt", "--to-stdout").outBytes(),
                r.outBytes());
    }

    /** The launcher in the C locale (no UTF-8), running this build's classes. */
    private static Cli.Result launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", TestPaths.projectRoot().resolve("jwim").toString()));
        cmd.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("LANG", "C");
        env.put("LC_ALL", null);
        env.put("LC_CTYPE", null);
        env.put("JWIM_CLASSPATH", System.getProperty("java.class.path"));
        return Processes.exec(cmd, env);
    }

    @Test
    void nonAsciiNamesComeOutRightInTheCLocaleThroughTheLauncher() throws Exception {
        Path out = tmp.resolve("c-locale");
        Cli.Result r = launcher("apply", BASIC, "1", out.toString(), "--quiet");
        assertEquals(0, r.rc(), r.toString());
        List<String> names = listing(out.resolve("unicode"));
        assertTrue(names.contains("日本語のファイル.txt") && names.contains("😀emoji🎉.txt")
                && names.contains("café-naïve-Ñandú.txt"), names.toString());
        assertEquals(List.of("文件.txt"), listing(out.resolve("unicode/中文目录")));
        Cli.Result ex = launcher("extract", BASIC, "1", "/unicode/中文目录/文件.txt", "--to-stdout");
        assertEquals(0, ex.rc(), ex.toString());
        assertEquals(40, ex.outBytes().length);
    }

    @Test
    void aJvmThatCannotEncodeTheNamesFailsClearlyInsteadOfMangling() {
        Path out = tmp.resolve("plain-java");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "apply", BASIC, "1", out.toString(), "--quiet");
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", "C");
        env.put("LANG", null);
        Cli.Result r = Processes.exec(cmd, env);
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.err().contains("LC_ALL=C.UTF-8"), r.err());
        assertFalse(Files.exists(out), "nothing may be written before the names are known to be writable");
    }
}
