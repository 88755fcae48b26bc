package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.ExternalTools;
import org.jwim.TestPaths;
import org.jwim.Wim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extracting paths of an image, compared with {@code wimlib-imagex extract} run with the same
 * arguments (when installed), and with what the image holds.
 */
class ExtractTest {
    static final Path WIM = TestPaths.testdata().resolve("wims/basic-none.wim");

    @TempDir
    Path tmp;

    private ApplyResult extract(Path dest, ExtractPaths.Matching m, boolean preserve, String... paths) throws IOException {
        try (Wim w = Wim.open(WIM)) {
            return Apply.paths(w.image(1), List.of(paths), dest, ApplyOptions.defaults().withPreserveDirStructure(preserve), m);
        }
    }

    /**
     * The same extract by jwim and by wimlib-imagex gives the same trees (times included).
     * Arguments: the paths, then wimlib-imagex options after "--".
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "/text/big.txt",
        "/unicode",
        "unicode\\中文目录\\文件.txt",
        "/unicode/*.txt",
        "/links/*/*",
        "/links/sym /sizes/?",
        "/links /links/hard",
        "/",
        "/unicode/*.txt /links/hard -- --preserve-dir-structure",
        "/deep/d01/d02 -- --preserve-dir-structure",
    })
    void sameAsWimlibExtract(String spec) throws Exception {
        String[] halves = spec.split(" -- ", 2);
        List<String> paths = List.of(halves[0].split(" "));
        boolean preserve = halves.length > 1 && halves[1].contains("--preserve-dir-structure");
        Path mine = tmp.resolve("jwim");
        extract(mine, ExtractPaths.Matching.GLOB, preserve, paths.toArray(String[]::new));
        // One snapshot only: reading the files moves their access times.
        Map<String, AppliedTree.Node> actual = AppliedTree.of(mine);
        assertTrue(actual.size() > 1, actual.toString());
        ApplyManifestTest.assertNoTemporaries(mine);
        if (!ExternalTools.has("wimlib-imagex")) {
            return;
        }
        Path theirs = tmp.resolve("wimlib");
        List<String> cmd = new ArrayList<>(List.of("wimlib-imagex", "extract", WIM.toString(), "1"));
        cmd.addAll(paths);
        cmd.add("--dest-dir=" + theirs);
        if (preserve) {
            cmd.add("--preserve-dir-structure");
        }
        ExternalTools.run(cmd.toArray(String[]::new)).ok();
        Map<String, AppliedTree.Node> expected = new TreeMap<>();
        AppliedTree.of(theirs).forEach((k, n) -> expected.put(k, new AppliedTree.Node(n.type(), n.mode(), n.uid(), n.gid(),
                ApplyManifestTest.settable(n.mtime(), n.type().equals("symlink"), n.type()),
                ApplyManifestTest.settable(n.atime(), n.type().equals("symlink"), n.type()), n.size(), n.sha1(),
                n.target(), n.linkGroup(), n.linkCount(), n.rdev())));
        // The destination directory itself is made by each tool at a different moment.
        if (!paths.contains("/") && !preserve) {
            expected.remove(".");
            actual.remove(".");
        }
        ApplyManifestTest.assertSameTree(expected, actual, "jwim extract vs wimlib-imagex extract " + spec);
    }

    @Test
    void absoluteLinksAreNeverFixedWhenExtracting() throws IOException {
        Path dest = tmp.resolve("d");
        extract(dest, ExtractPaths.Matching.GLOB, false, "/links/sym/absolute-inside");
        assertEquals("/sizes/1", Files.readSymbolicLink(dest.resolve("absolute-inside")).toString());
    }

    @Test
    void missingPathsAreErrorsUnlessNullGlob() throws IOException {
        Path dest = tmp.resolve("d");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> extract(dest, ExtractPaths.Matching.GLOB, false, "/nope*"));
        assertTrue(e.getMessage().contains("No matches for path pattern \"/nope*\""), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> extract(dest, ExtractPaths.Matching.LITERAL, false, "/nope"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        ApplyResult r = extract(dest, ExtractPaths.Matching.NULL_GLOB, false, "/nope*", "/sizes/1");
        assertTrue(r.warnings().contains("No matches for path pattern \"/nope*\""), r.warnings().toString());
        assertEquals(1, Files.size(dest.resolve("1")));
    }

    @Test
    void literalMatchingTakesWildcardsAsCharacters() throws IOException {
        Path dest = tmp.resolve("d");
        assertThrows(NoSuchFileException.class, () -> extract(dest, ExtractPaths.Matching.LITERAL, false, "/sizes/?"));
        extract(dest, ExtractPaths.Matching.LITERAL, false, "sizes//1/");
        assertEquals(1, Files.size(dest.resolve("1")));
    }

    @Test
    void toStreamWritesTheFilesDataOneAfterTheOther() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Wim w = Wim.open(WIM)) {
            Apply.toStream(w.image(1), List.of("/sizes/1", "/unicode/case.txt", "/empty/empty-file-1"),
                    ExtractPaths.Matching.GLOB, out);
            byte[] one = w.image(1).openStream("/sizes/1").readAllBytes();
            byte[] two = w.image(1).openStream("/unicode/case.txt").readAllBytes();
            byte[] both = new byte[one.length + two.length];
            System.arraycopy(one, 0, both, 0, one.length);
            System.arraycopy(two, 0, both, one.length, two.length);
            assertArrayEquals(both, out.toByteArray());
            IOException e = assertThrows(IOException.class, () -> Apply.toStream(w.image(1), List.of("/unicode"),
                    ExtractPaths.Matching.GLOB, new ByteArrayOutputStream()));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
    }

    @Test
    void wildcardsMatchWithinOneName() {
        assertTrue(ExtractPaths.wildcardMatch("abc.txt", "*.txt"));
        assertTrue(ExtractPaths.wildcardMatch("abc.txt", "a?c*"));
        assertTrue(ExtractPaths.wildcardMatch("", "*"));
        assertTrue(ExtractPaths.wildcardMatch("a*b", "a*b"));
        assertFalse(ExtractPaths.wildcardMatch("abc", "a?"));
        assertFalse(ExtractPaths.wildcardMatch("ABC.TXT", "*.txt"));
        assertTrue(ExtractPaths.wildcardMatch("aaab", "*a*b"));
        assertFalse(ExtractPaths.wildcardMatch("aaa", "*a*b"));
    }

    @Test
    void listFilesAreUtf8OrUtf16WithCommentsAndBlanks() {
        String text = "; comment\n# another\n\n  /Users  \r\n\\Program Files\\A*\n\t/x\n";
        List<String> want = List.of("/Users", "\\Program Files\\A*", "/x");
        assertEquals(want, ExtractPaths.readListFile(text.getBytes(StandardCharsets.UTF_8)));
        byte[] u16 = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[u16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(u16, 0, withBom, 2, u16.length);
        assertEquals(want, ExtractPaths.readListFile(withBom));
    }
}
