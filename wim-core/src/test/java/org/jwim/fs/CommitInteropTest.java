package org.jwim.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jwim.ExternalTools;
import org.jwim.Wim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes made through the file system and committed: wimlib-imagex verify accepts the WIM, apply
 * gives exactly the tree the same changes give on a real directory, and the other images are
 * untouched (append mode leaves every old byte but the header where it was).
 */
class CommitInteropTest {
    @TempDir
    Path tmp;

    /** The same changes on any file system: the WIM's, or a directory wimlib applied the image to. */
    static void change(Path root) throws IOException {
        Files.createDirectories(root.resolve("added/sub"));
        Files.writeString(root.resolve("added/new.txt"), "a new file\n");
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        Files.write(root.resolve("text/big.txt"), random);
        try (SeekableByteChannel ch = Files.newByteChannel(root.resolve("sizes/65537"), StandardOpenOption.WRITE)) {
            ch.position(30_000);
            ch.write(ByteBuffer.wrap("patched in the middle".getBytes()));
        }
        Files.delete(root.resolve("sizes/0"));
        try (Stream<Path> s = Files.walk(root.resolve("deep"))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.move(root.resolve("dups/a.bin"), root.resolve("dups/renamed.bin"));
        Files.move(root.resolve("unicode/中文目录"), root.resolve("added/中文目录"));
        Files.createLink(root.resolve("added/hard.txt"), root.resolve("added/new.txt"));
        Files.createSymbolicLink(root.resolve("added/rel-link"), root.getFileSystem().getPath("../text/big.txt"));
        Files.createSymbolicLink(root.resolve("added/abs-link"), root.resolve("pe"));
        Files.copy(root.resolve("pe/notepad.exe"), root.resolve("added/notepad-copy.exe"));
        Files.createFile(root.resolve("added/empty"));
        Files.createDirectory(root.resolve("added/emptydir"));
        Files.writeString(root.resolve("links/hard/pair-1.bin"), "both names of the pair");
        Files.move(root.resolve("sizes/1"), root.resolve("sizes/32767"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(root.resolve("links/sym/chain-3"));
    }

    private static String metadataHash(Path wim, int image) throws IOException {
        try (Wim w = Wim.open(wim)) {
            return w.image(image).metadataBlob().hash().toString();
        }
    }

    private static int imageCount(Path wim) throws IOException {
        try (Wim w = Wim.open(wim)) {
            return w.imageCount();
        }
    }

    @Test
    void committedChangesAreWhatWimlibApplies() throws Exception {
        Path wim = FsFixtures.uncompressed("multi.wim", tmp);
        Map<String, String> one = FsFixtures.appliedByWimlib(wim, 1, tmp.resolve("one"));
        Map<String, String> two = FsFixtures.appliedByWimlib(wim, 2, tmp.resolve("two"));
        Path expectedDir = tmp.resolve("expected");
        FsFixtures.appliedByWimlib(wim, 3, expectedDir);
        change(expectedDir);
        Map<String, String> expected = FsFixtures.describe(expectedDir, expectedDir.toString());
        String md1 = metadataHash(wim, 1);
        String md2 = metadataHash(wim, 2);
        byte[] before = Files.readAllBytes(wim);

        try (FileSystem fs = FsFixtures.open(wim, Map.of("image", "3"))) {
            change(fs.getPath("/"));
            assertEquals(expected, FsFixtures.describe(fs.getPath("/"), null), "the file system before commit");
        }

        FsFixtures.verifyWithWimlib(wim);
        Path applied = tmp.resolve("after");
        assertEquals(expected, FsFixtures.appliedByWimlib(wim, 3, applied));
        assertTrue(Files.isSameFile(applied.resolve("added/hard.txt"), applied.resolve("added/new.txt")));
        assertTrue(Files.isSameFile(applied.resolve("links/hard/pair-1.bin"), applied.resolve("links/hard/pair-2.bin")));
        assertEquals(one, FsFixtures.appliedByWimlib(wim, 1, tmp.resolve("one-after")));
        assertEquals(two, FsFixtures.appliedByWimlib(wim, 2, tmp.resolve("two-after")));
        assertEquals(md1, metadataHash(wim, 1));
        assertEquals(md2, metadataHash(wim, 2));
        assertEquals(3, imageCount(wim));

        // Append mode: all old bytes but the header stay where they were; only new data was added.
        byte[] after = Files.readAllBytes(wim);
        assertTrue(after.length > before.length);
        assertArrayEquals(Arrays.copyOfRange(before, 208, before.length), Arrays.copyOfRange(after, 208, before.length));
        assertTrue(after.length - before.length < 2_000_000, "grew by " + (after.length - before.length));

        // And jwim reads back what it wrote.
        try (FileSystem fs = FsFixtures.open(wim, Map.of("image", "3", "readOnly", true))) {
            assertEquals(expected, FsFixtures.describe(fs.getPath("/"), null));
        }
    }

    @Test
    void asNewImageAppendsAnUnnamedImage() throws Exception {
        Path wim = FsFixtures.uncompressed("multi.wim", tmp);
        Map<String, String> three = FsFixtures.appliedByWimlib(wim, 3, tmp.resolve("three"));
        Path expectedDir = tmp.resolve("expected");
        FsFixtures.appliedByWimlib(wim, 3, expectedDir);
        change(expectedDir);
        try (FileSystem fs = FsFixtures.open(wim, Map.of("image", "3", "asNewImage", "true"))) {
            change(fs.getPath("/"));
        }
        FsFixtures.verifyWithWimlib(wim);
        assertEquals(4, imageCount(wim));
        assertEquals(FsFixtures.describe(expectedDir, expectedDir.toString()),
                FsFixtures.appliedByWimlib(wim, 4, tmp.resolve("four")));
        assertEquals(three, FsFixtures.appliedByWimlib(wim, 3, tmp.resolve("three-after")));
        try (Wim w = Wim.open(wim)) {
            assertEquals("basic", w.images().get(2).name());
            assertTrue(w.images().get(3).name() == null || w.images().get(3).name().isEmpty());
        }
    }

    @Test
    void rebuildLeavesNoUnusedData() throws Exception {
        Path wim = FsFixtures.uncompressed("multi.wim", tmp);
        Path appendCopy = tmp.resolve("append.wim");
        Files.copy(wim, appendCopy);
        for (Path w : List.of(wim, appendCopy)) {
            String mode = w.equals(wim) ? "rebuild" : "append";
            try (FileSystem fs = FsFixtures.open(w, Map.of("image", "3", "commit", mode))) {
                change(fs.getPath("/"));
            }
            FsFixtures.verifyWithWimlib(w);
        }
        assertTrue(Files.size(wim) < Files.size(appendCopy), Files.size(wim) + " vs " + Files.size(appendCopy));
        Path expectedDir = tmp.resolve("expected");
        FsFixtures.appliedByWimlib(appendCopy, 3, expectedDir);
        assertEquals(FsFixtures.describe(expectedDir, expectedDir.toString()),
                FsFixtures.appliedByWimlib(wim, 3, tmp.resolve("rebuilt")));
    }

    @Test
    void anotherWriterInBetweenStopsTheCommit() throws Exception {
        Path wim = FsFixtures.uncompressed("multi.wim", tmp);
        FileSystem fs = FsFixtures.open(wim, Map.of("image", "1"));
        Files.writeString(fs.getPath("/late.txt"), "too late");
        ExternalTools.run("wimlib-imagex", "info", wim.toString(), "1", "renamed-by-wimlib").ok();
        byte[] theirs = Files.readAllBytes(wim);
        IOException e = assertThrows(IOException.class, fs::close);
        assertTrue(e.getMessage().contains("another writer"), e.getMessage());
        assertFalse(fs.isOpen());
        assertArrayEquals(theirs, Files.readAllBytes(wim));
        FsFixtures.verifyWithWimlib(wim);
    }
}
