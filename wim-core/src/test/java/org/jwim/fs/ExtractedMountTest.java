package org.jwim.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jwim.Wim;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extract-based mount: mount, change, commit or discard, remount, cleanup; checked with wimlib. */
class ExtractedMountTest {
    @TempDir
    Path tmp;
    private ExtractedMount mounts;
    private Path wim;
    private Path mnt;

    @BeforeEach
    void setUp() throws Exception {
        mounts = new ExtractedMount(new MountRegistry(tmp.resolve("registry")));
        wim = FsFixtures.uncompressed("multi.wim", tmp);
        mnt = tmp.resolve("mnt");
    }

    private Map<String, String> expectedAfterChange(int image) throws Exception {
        Path dir = tmp.resolve("expected-" + System.nanoTime());
        FsFixtures.appliedByWimlib(wim, image, dir);
        CommitInteropTest.change(dir);
        return FsFixtures.describe(dir, dir.toString());
    }

    @Test
    void mountChangeUnmountCommit() throws Exception {
        Map<String, String> expected = expectedAfterChange(3);
        Map<String, String> one = FsFixtures.appliedByWimlib(wim, 1, tmp.resolve("one"));
        mounts.mount(wim, "basic", mnt, false, false);
        assertEquals(FsFixtures.appliedByWimlib(wim, 3, tmp.resolve("three")), FsFixtures.describe(mnt, mnt.toString()));
        assertEquals(List.of(new ExtractedMount.Info(mnt, wim, 3, false, "ok")), mounts.list());
        assertTrue(Files.exists(MountState.fileOf(mnt)));

        CommitInteropTest.change(mnt);
        ExtractedMount.CommitResult r = mounts.unmount(mnt, true, false, false);
        assertTrue(r.added() > 0 && r.changed() > 0 && r.deleted() > 0, r.toString());
        assertTrue(Files.isDirectory(mnt));
        try (var s = Files.list(mnt)) {
            assertEquals(0, s.count());
        }
        assertFalse(Files.exists(MountState.fileOf(mnt)));
        assertEquals(List.of(), mounts.list());

        FsFixtures.verifyWithWimlib(wim);
        Path applied = tmp.resolve("applied");
        assertEquals(expected, FsFixtures.appliedByWimlib(wim, 3, applied));
        assertTrue(Files.isSameFile(applied.resolve("added/hard.txt"), applied.resolve("added/new.txt")));
        assertEquals(one, FsFixtures.appliedByWimlib(wim, 1, tmp.resolve("one-after")));
    }

    @Test
    void discardLeavesTheWimByteIdentical() throws Exception {
        byte[] before = Files.readAllBytes(wim);
        mounts.mount(wim, "3", mnt, false, false);
        CommitInteropTest.change(mnt);
        mounts.unmount(mnt, false, false, false);
        assertArrayEquals(before, Files.readAllBytes(wim));
        assertEquals(List.of(), mounts.list());
    }

    @Test
    void commitStaysMountedAndCommitsAgain() throws Exception {
        mounts.mount(wim, "1", mnt, false, false);
        Files.writeString(mnt.resolve("first.txt"), "first");
        assertEquals(new ExtractedMount.CommitResult(1, 0, 0, 1), mounts.commit(mnt, false, false));
        assertEquals(new ExtractedMount.CommitResult(0, 0, 0, 1), mounts.commit(mnt, false, false));
        Files.writeString(mnt.resolve("first.txt"), "changed");
        Files.writeString(mnt.resolve("second.txt"), "second");
        assertEquals(new ExtractedMount.CommitResult(1, 1, 0, 1), mounts.commit(mnt, false, true));
        Map<String, String> inMount = FsFixtures.describe(mnt, mnt.toString());
        mounts.unmount(mnt, false, false, false);
        FsFixtures.verifyWithWimlib(wim);
        assertEquals(inMount, FsFixtures.appliedByWimlib(wim, 1, tmp.resolve("applied")));
    }

    @Test
    void commitAsNewImage() throws Exception {
        Map<String, String> two = FsFixtures.appliedByWimlib(wim, 2, tmp.resolve("two"));
        mounts.mount(wim, "2", mnt, false, false);
        Files.writeString(mnt.resolve("extra.txt"), "extra");
        Map<String, String> inMount = FsFixtures.describe(mnt, mnt.toString());
        ExtractedMount.CommitResult r = mounts.unmount(mnt, true, true, false);
        assertEquals(4, r.image());
        FsFixtures.verifyWithWimlib(wim);
        assertEquals(inMount, FsFixtures.appliedByWimlib(wim, 4, tmp.resolve("four")));
        assertEquals(two, FsFixtures.appliedByWimlib(wim, 2, tmp.resolve("two-after")));
    }

    @Test
    void readOnlyMountsAndBusyDirectoriesAreRefused() throws Exception {
        mounts.mount(wim, "1", mnt, true, false);
        Files.writeString(mnt.resolve("x"), "x");
        IOException e = assertThrows(IOException.class, () -> mounts.commit(mnt, false, false));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertThrows(IOException.class, () -> mounts.mount(wim, "1", mnt, false, false));
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy.resolve("something"));
        assertThrows(DirectoryNotEmptyException.class, () -> mounts.mount(wim, "1", busy, false, false));
        assertFalse(Files.exists(MountState.fileOf(busy)));
        mounts.unmount(mnt, false, false, false);
    }

    @Test
    void remountExtractsALostDirectoryAgain() throws Exception {
        mounts.mount(wim, "1", mnt, false, false);
        Map<String, String> tree = FsFixtures.describe(mnt, mnt.toString());
        assertFalse(mounts.remount(mnt), "a healthy mount is left alone");
        ExtractedMount.clear(mnt);
        Files.delete(mnt);
        assertEquals("needs remount: the directory is gone", mounts.list().get(0).status());
        assertTrue(mounts.remount(mnt));
        assertEquals(tree, FsFixtures.describe(mnt, mnt.toString()));
        assertEquals("ok", mounts.list().get(0).status());
    }

    @Test
    void cleanupRecoversInterruptedCommitsAndForgetsLostMounts() throws Exception {
        mounts.mount(wim, "1", mnt, false, false);
        Files.writeString(mnt.resolve("kept.txt"), "kept through the crash");
        // As a commit killed before it wrote the header leaves it.
        MountState.read(mnt).withStatus(MountState.COMMITTING).write(mnt);
        assertTrue(mounts.list().get(0).status().startsWith("needs cleanup"));
        assertThrows(IOException.class, () -> mounts.commit(mnt, false, false));
        Path lost = tmp.resolve("lost");
        mounts.mount(wim, "2", lost, true, false);
        ExtractedMount.clear(lost);
        Files.delete(lost);

        List<String> done = mounts.cleanup();
        assertEquals(2, done.size(), done.toString());
        assertEquals(1, mounts.list().size());
        assertEquals("ok", mounts.list().get(0).status());
        assertFalse(Files.exists(MountState.fileOf(lost)));
        assertEquals(new ExtractedMount.CommitResult(1, 0, 0, 1), mounts.unmount(mnt, true, false, false));
        try (Wim w = Wim.open(wim)) {
            assertTrue(w.image(1).lookup("/kept.txt").isPresent());
        }
        assertEquals(List.of(), mounts.cleanup());
    }

    @Test
    void anotherWriterInvalidatesTheMount() throws Exception {
        mounts.mount(wim, "1", mnt, false, false);
        org.jwim.ExternalTools.run("wimlib-imagex", "info", wim.toString(), "1", "renamed").ok();
        assertEquals("invalid: the WIM was changed by another writer", mounts.list().get(0).status());
        Files.writeString(mnt.resolve("x"), "x");
        byte[] theirs = Files.readAllBytes(wim);
        assertThrows(IOException.class, () -> mounts.commit(mnt, false, false));
        assertArrayEquals(theirs, Files.readAllBytes(wim));
        mounts.unmount(mnt, false, false, false);
    }
}
