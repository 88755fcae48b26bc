package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.image.Dentry;
import org.jwim.image.ReparsePoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile images, crafted with jwim's own writer, against the apply: names Linux cannot hold or
 * that would climb out of the target, links the image makes and then tries to write through,
 * files and links already in the target, corrupt data. Every test checks what is on disk, inside
 * and outside the target.
 */
class ApplyHostileTest {
    @TempDir
    Path tmp;

    private Path target;
    private Path outside;

    @BeforeEach
    void dirs() throws IOException {
        target = tmp.resolve("target");
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "do not touch");
    }

    private ApplyResult apply(CraftedImage img) throws IOException {
        return apply(img, ApplyOptions.defaults());
    }

    private ApplyResult apply(CraftedImage img, ApplyOptions options) throws IOException {
        Path wim = img.write(tmp.resolve("crafted-" + System.nanoTime() + ".wim"));
        try (Wim w = Wim.open(wim)) {
            return w.image(1).extractTo(target, options);
        }
    }

    /** Everything below {@code dir}, as relative paths (links not followed). */
    private static Set<String> listing(Path dir) throws IOException {
        Set<String> s = new TreeSet<>();
        try (Stream<Path> w = Files.walk(dir)) {
            w.forEach(p -> s.add(dir.relativize(p).toString()));
        }
        return s;
    }

    private void assertOutsideUntouched() throws IOException {
        assertEquals(Set.of("", "precious"), listing(outside), "nothing may appear outside the target");
        assertEquals("do not touch", Files.readString(outside.resolve("precious")));
        ApplyManifestTest.assertNoTemporaries(target);
    }

    @Test
    void namesWithSlashesAreSkippedWithTheirSubtrees() throws IOException {
        CraftedImage img = new CraftedImage();
        img.file(img.root, "../escape", "x");
        img.file(img.root, "a/b", "x");
        Dentry d = img.dir(img.root, "..\\..\\dir/with/slashes");
        img.file(d, "inside", "x");
        img.file(img.root, "fine.txt", "kept");
        ApplyResult r = apply(img);
        assertEquals(Set.of("", "fine.txt"), listing(target));
        assertEquals("kept", Files.readString(target.resolve("fine.txt")));
        assertEquals(3, r.warnings().stream().filter(w -> w.contains("invalid filename")).count(), r.warnings().toString());
        assertOutsideUntouched();
        assertFalse(Files.exists(tmp.resolve("escape")));
    }

    @Test
    void dotDotEmptyAndNulNamesNeverReachTheFileSystem() throws IOException {
        CraftedImage img = new CraftedImage();
        img.file(img.root, "..", "climb");
        img.file(img.root, ".", "self");
        img.file(img.root, "", "nameless");
        img.file(img.root, "nul\0name", "nul");
        Dentry sub = img.dir(img.root, "sub");
        img.file(sub, "..", "climb from sub");
        img.file(img.root, "ok", "kept");
        ApplyResult r = apply(img);
        assertEquals(Set.of("", "ok", "sub"), listing(target), r.warnings().toString());
        assertOutsideUntouched();
        assertFalse(Files.exists(tmp.resolve("precious2")));
    }

    @Test
    void invalidNamesCanBeReplacedInsteadOfSkipped() throws IOException {
        CraftedImage img = new CraftedImage();
        Dentry d = img.dir(img.root, "x/y");
        img.file(d, "inner", "in");
        ApplyResult r = apply(img, ApplyOptions.defaults().withReplaceInvalidNames(true));
        assertEquals(Set.of("", "x?y (invalid filename #1)", "x?y (invalid filename #1)/inner"), listing(target));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("extracting dummy name instead")));
        assertOutsideUntouched();
    }

    @Test
    void noWriteGoesThroughASymlinkTheImageCreates() throws IOException {
        CraftedImage img = new CraftedImage();
        // A directory symlink to a place outside, with children the image hopes to write there
        // (jwim's reader, like wimlib's, already drops a link's children; the apply would refuse
        // them too, see below).
        Dentry evil = img.symlink(img.root, "evil", outside.toString(), true, false);
        img.file(evil, "pwned", "owned");
        img.file(evil, "precious", "overwritten");
        Dentry sub = img.dir(evil, "subdir");
        img.file(sub, "deeper", "owned");
        // A junction the same way.
        Dentry junction = img.reparse(img.root, "junction", ReparsePoint.TAG_MOUNT_POINT,
                junctionData("\\??\\C:" + outside.toString().replace('/', '\\')), true, ReparsePoint.RP_NOT_FIXED);
        img.file(junction, "pwned2", "owned");
        apply(img);
        assertTrue(Files.isSymbolicLink(target.resolve("evil")));
        assertEquals(outside.toString(), Files.readSymbolicLink(target.resolve("evil")).toString());
        assertTrue(Files.isSymbolicLink(target.resolve("junction")));
        assertEquals(outside.toString(), Files.readSymbolicLink(target.resolve("junction")).toString());
        assertEquals(Set.of("", "evil", "junction"), listing(target));
        assertOutsideUntouched();
    }

    @Test
    void childrenGivenToALinkInMemoryAreRefusedByTheApplyItself() throws IOException {
        CraftedImage img = new CraftedImage();
        img.symlink(img.root, "evil", outside.toString(), true, false);
        Path wim = img.write(tmp.resolve("link.wim"));
        try (Wim w = Wim.open(wim)) {
            // A library user can build any tree: hang entries below the link after reading.
            Dentry evil = w.image(1).root().child("evil");
            org.jwim.image.Inode empty = new org.jwim.image.Inode();
            empty.setAttributes(org.jwim.image.FileAttributes.NORMAL);
            evil.addChild(new Dentry("pwned", empty));
            org.jwim.image.Inode dir = new org.jwim.image.Inode();
            dir.setAttributes(org.jwim.image.FileAttributes.DIRECTORY);
            evil.addChild(new Dentry("pwned-dir", dir));
            ApplyResult r = w.image(1).extractTo(target, ApplyOptions.defaults());
            assertEquals(1, r.warnings().stream().filter(x -> x.contains("symbolic link or junction")).count(),
                    r.warnings().toString());
        }
        assertEquals(Set.of("", "evil"), listing(target));
        assertOutsideUntouched();
    }

    /** Reparse data of a junction to {@code substitute} (without the 8-byte header). */
    static byte[] junctionData(String substitute) {
        byte[] s = substitute.getBytes(StandardCharsets.UTF_16LE);
        byte[] d = new byte[8 + s.length + 2 + s.length + 2];
        org.jwim.compression.LittleEndian.putU16(d, 0, 0);
        org.jwim.compression.LittleEndian.putU16(d, 2, s.length);
        org.jwim.compression.LittleEndian.putU16(d, 4, s.length + 2);
        org.jwim.compression.LittleEndian.putU16(d, 6, s.length);
        System.arraycopy(s, 0, d, 8, s.length);
        System.arraycopy(s, 0, d, 8 + s.length + 2, s.length);
        return d;
    }

    @Test
    void existingSymlinkInTheTargetIsReplacedNotWrittenThrough() throws IOException {
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("file"), outside.resolve("precious"));
        Files.createSymbolicLink(target.resolve("link"), outside.resolve("precious"));
        CraftedImage img = new CraftedImage();
        img.file(img.root, "file", "image data");
        img.symlink(img.root, "link", "elsewhere", false, false);
        apply(img);
        assertFalse(Files.isSymbolicLink(target.resolve("file")));
        assertEquals("image data", Files.readString(target.resolve("file")));
        assertEquals("elsewhere", Files.readSymbolicLink(target.resolve("link")).toString());
        assertOutsideUntouched();
    }

    @Test
    void existingHardLinkInTheTargetIsReplacedNotWrittenThrough() throws IOException {
        Files.createDirectories(target);
        Files.createLink(target.resolve("file"), outside.resolve("precious"));
        CraftedImage img = new CraftedImage();
        Dentry f = img.file(img.root, "file", "image data");
        img.hardLink(img.root, "second", f);
        apply(img);
        assertEquals("image data", Files.readString(target.resolve("file")));
        assertEquals(2, Files.getAttribute(target.resolve("file"), "unix:nlink"));
        assertEquals(Files.getAttribute(target.resolve("file"), "unix:ino"), Files.getAttribute(target.resolve("second"),
                "unix:ino"));
        assertEquals(1, Files.getAttribute(outside.resolve("precious"), "unix:nlink"));
        assertOutsideUntouched();
    }

    @Test
    void existingSymlinkWhereTheImageHasADirectoryIsRefused() throws IOException {
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("dir"), outside);
        CraftedImage img = new CraftedImage();
        Dentry d = img.dir(img.root, "dir");
        img.file(d, "pwned", "owned");
        IOException e = assertThrows(IOException.class, () -> apply(img));
        assertTrue(e.getMessage().contains("dir"), e.getMessage());
        assertTrue(Files.isSymbolicLink(target.resolve("dir")));
        assertOutsideUntouched();
    }

    @Test
    void existingFileWhereTheImageHasADirectoryIsRefusedAndADirectoryWhereItHasAFile() throws IOException {
        Files.createDirectories(target.resolve("wasdir"));
        Files.writeString(target.resolve("wasfile"), "mine");
        CraftedImage img = new CraftedImage();
        img.dir(img.root, "wasfile");
        assertThrows(IOException.class, () -> apply(img));
        assertEquals("mine", Files.readString(target.resolve("wasfile")));

        CraftedImage img2 = new CraftedImage();
        img2.file(img2.root, "wasdir", "data");
        IOException e = assertThrows(IOException.class, () -> apply(img2));
        assertTrue(e.getMessage().contains("wasdir"), e.getMessage());
        assertTrue(Files.isDirectory(target.resolve("wasdir"), LinkOption.NOFOLLOW_LINKS));
        assertOutsideUntouched();
    }

    @Test
    void corruptDataIsAnErrorNamingTheFileAndNeverAppearsUnderItsName() throws IOException {
        CraftedImage img = new CraftedImage();
        byte[] data = ("A recognisable payload " + "x".repeat(1000)).getBytes(StandardCharsets.UTF_8);
        img.file(img.root, "good-before", "fine");
        img.file(img.root, "victim.bin", data);
        Path wim = img.write(tmp.resolve("corrupt.wim"));
        flipByteOf(wim, "A recognisable payload".getBytes(StandardCharsets.UTF_8));
        try (Wim w = Wim.open(wim)) {
            WimFormatException e = assertThrows(WimFormatException.class, () -> w.image(1).extractTo(target,
                    ApplyOptions.defaults()));
            assertTrue(e.getMessage().contains("/victim.bin"), e.getMessage());
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
        assertFalse(Files.exists(target.resolve("victim.bin"), LinkOption.NOFOLLOW_LINKS));
        ApplyManifestTest.assertNoTemporaries(target);
    }

    /** Changes the first byte of the first place {@code needle} occurs in {@code file}. */
    static void flipByteOf(Path file, byte[] needle) throws IOException {
        byte[] all = Files.readAllBytes(file);
        for (int i = 0; i + needle.length <= all.length; i++) {
            if (java.util.Arrays.equals(all, i, i + needle.length, needle, 0, needle.length)) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.seek(i);
                    f.write(all[i] ^ 0x20);
                }
                return;
            }
        }
        throw new AssertionError("payload not found in " + file);
    }

    @Test
    void fixedAbsoluteLinksPointIntoTheTargetAndOthersStayAsTheyAre() throws IOException {
        CraftedImage img = new CraftedImage();
        Dentry d = img.dir(img.root, "d");
        img.file(d, "f", "x");
        img.symlink(img.root, "fixed", "/d/f", false, true);
        img.symlink(img.root, "unfixed", "/etc/hostname", false, false);
        img.symlink(img.root, "fixed-root", "", true, true);
        img.symlink(img.root, "relative", "d/f", false, false);
        Path wim = img.write(tmp.resolve("links.wim"));
        try (Wim w = Wim.open(wim)) {
            w.image(1).extractTo(target, ApplyOptions.defaults());
        }
        String real = target.toRealPath().toString();
        assertEquals(real + "/d/f", Files.readSymbolicLink(target.resolve("fixed")).toString());
        assertEquals("/etc/hostname", Files.readSymbolicLink(target.resolve("unfixed")).toString());
        assertEquals(real, Files.readSymbolicLink(target.resolve("fixed-root")).toString());
        assertEquals("d/f", Files.readSymbolicLink(target.resolve("relative")).toString());

        Path other = tmp.resolve("norpfix");
        try (Wim w = Wim.open(wim)) {
            w.image(1).extractTo(other, ApplyOptions.defaults().withRpFix(ApplyOptions.RpFix.OFF));
        }
        assertEquals("/d/f", Files.readSymbolicLink(other.resolve("fixed")).toString());
        assertEquals("/", Files.readSymbolicLink(other.resolve("fixed-root")).toString());
    }

    @Test
    void malformedReparseDataIsAnErrorNotAGuess() throws IOException {
        CraftedImage img = new CraftedImage();
        img.reparse(img.root, "broken", ReparsePoint.TAG_SYMLINK, new byte[] {1, 2, 3}, false, 0);
        IOException e = assertThrows(IOException.class, () -> apply(img));
        assertTrue(e.getMessage().contains("/broken"), e.getMessage());
        assertFalse(Files.exists(target.resolve("broken"), LinkOption.NOFOLLOW_LINKS));
        ApplyManifestTest.assertNoTemporaries(target);
    }

    @Test
    void oversizedReparseDataIsRefusedBeforeAnythingIsWritten() throws IOException {
        CraftedImage img = new CraftedImage();
        img.file(img.root, "a", "x");
        img.reparse(img.root, "huge", ReparsePoint.TAG_SYMLINK, new byte[ApplyPlan.MAX_REPARSE_DATA + 1], false, 0);
        IOException e = assertThrows(IOException.class, () -> apply(img));
        assertTrue(e.getMessage().contains("/huge") && e.getMessage().contains("exceeds"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void nonLinkReparsePointsBecomeFilesWithAWarning() throws IOException {
        CraftedImage img = new CraftedImage();
        img.reparse(img.root, "dedup", 0x80000013, new byte[] {1, 2, 3, 4}, false, 0);
        ApplyResult r = apply(img);
        assertTrue(Files.isRegularFile(target.resolve("dedup"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.size(target.resolve("dedup")));
        assertTrue(r.warnings().contains("Ignoring reparse data of 1 non-symlink/junction files"), r.warnings().toString());
    }

    @Test
    void aSpecialFileWithAnImpossibleTypeIsAnError() throws IOException {
        CraftedImage img = new CraftedImage();
        Dentry f = img.file(img.root, "weird", new byte[0]);
        CraftedImage.unixData(f, 0, 0, 0070644, 0);
        IOException e = assertThrows(IOException.class, () -> apply(img, ApplyOptions.defaults().withUnixData(true)));
        assertTrue(e.getMessage().contains("weird"), e.getMessage());
        ApplyManifestTest.assertNoTemporaries(target);
    }

    @Test
    void pathSafetyRefusesEveryNameThatIsNotOneLinuxComponent() {
        for (String bad : List.of("", ".", "..", "a/b", "/", "x\0", "\uD800", "a\uDC00b", "\uDBFF")) {
            assertTrue(PathSafety.problem(bad) != null, "should refuse " + bad.replace("\0", "\\0"));
        }
        for (String good : List.of("...", ".hidden", "a\\b", "😀", "name with spaces", "-rf", "~", "C:")) {
            assertEquals(null, PathSafety.problem(good), good);
        }
        assertEquals("a?b? (invalid filename #7)", PathSafety.replacement("a/b\0", 7));
        assertEquals("?x (invalid filename #1)", PathSafety.replacement("\uDC00x", 1));
    }
}
