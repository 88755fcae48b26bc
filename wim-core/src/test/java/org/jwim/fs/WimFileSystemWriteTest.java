package org.jwim.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing an image through the file system: the JDK's conventions, and the WIM untouched until commit. */
class WimFileSystemWriteTest {
    @TempDir
    Path tmp;

    @Test
    void conventionsOfChanges() throws Exception {
        Path wim = FsFixtures.copy("basic-none.wim", tmp);
        byte[] before = Files.readAllBytes(wim);
        try (FileSystem fs = FsFixtures.open(wim, Map.of())) {
            assertFalse(fs.isReadOnly());
            Path text = fs.getPath("/text");
            assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(text));
            assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(fs.getPath("/")));
            assertThrows(NoSuchFileException.class, () -> Files.createDirectory(fs.getPath("/no/dir")));
            assertThrows(NotDirectoryException.class, () -> Files.createDirectory(fs.getPath("/text/big.txt/d")));
            assertThrows(NoSuchFileException.class, () -> Files.delete(fs.getPath("/missing")));
            assertFalse(Files.deleteIfExists(fs.getPath("/missing")));
            assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(text));
            assertThrows(FileSystemException.class, () -> Files.delete(fs.getPath("/")));
            assertThrows(FileAlreadyExistsException.class, () -> Files.newByteChannel(fs.getPath("/sizes/1"),
                    StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
            assertThrows(NoSuchFileException.class, () -> Files.newByteChannel(fs.getPath("/sizes/new"),
                    StandardOpenOption.WRITE));
            assertThrows(FileSystemException.class, () -> Files.newOutputStream(text));
            assertThrows(FileAlreadyExistsException.class, () -> Files.move(fs.getPath("/sizes/1"), fs.getPath("/sizes/0")));
            assertThrows(DirectoryNotEmptyException.class, () -> Files.move(fs.getPath("/sizes/1"), text,
                    StandardCopyOption.REPLACE_EXISTING));
            assertThrows(FileSystemException.class, () -> Files.move(text, fs.getPath("/text/inside")));
            assertThrows(FileAlreadyExistsException.class, () -> Files.copy(fs.getPath("/sizes/1"), fs.getPath("/sizes/0")));
            assertThrows(FileSystemException.class, () -> Files.createLink(fs.getPath("/hl"), text));
            assertThrows(FileAlreadyExistsException.class, () -> Files.createSymbolicLink(fs.getPath("/sizes/0"),
                    fs.getPath("1")));
            assertThrows(IllegalArgumentException.class, () -> Files.newByteChannel(fs.getPath("/sizes/1"),
                    StandardOpenOption.APPEND, StandardOpenOption.READ));
            assertThrows(java.nio.file.ProviderMismatchException.class, () -> fs.provider().copy(fs.getPath("/sizes/1"),
                    tmp.resolve("y")));
            assertFalse(((WimFileSystem) fs).hasChanges());

            // Writes are seen at once, through every name of the file.
            Files.writeString(fs.getPath("/links/hard/original.txt"), "changed");
            assertEquals("changed", Files.readString(fs.getPath("/hard-third-name.txt")));
            assertTrue(((WimFileSystem) fs).hasChanges());
            // Writing in the middle keeps the rest (the old data is copied to the scratch area first).
            byte[] big = Files.readAllBytes(fs.getPath("/text/big.txt"));
            try (SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/text/big.txt"), StandardOpenOption.WRITE)) {
                ch.position(1000);
                ch.write(ByteBuffer.wrap("XYZ".getBytes(StandardCharsets.US_ASCII)));
            }
            byte[] after = Files.readAllBytes(fs.getPath("/text/big.txt"));
            System.arraycopy("XYZ".getBytes(StandardCharsets.US_ASCII), 0, big, 1000, 3);
            assertArrayEquals(big, after);
            byte[] one = Files.readAllBytes(fs.getPath("/sizes/1"));
            Files.write(fs.getPath("/sizes/1"), new byte[] {9}, StandardOpenOption.APPEND);
            assertArrayEquals(new byte[] {one[0], 9}, Files.readAllBytes(fs.getPath("/sizes/1")));
            try (OutputStream out = Files.newOutputStream(fs.getPath("/new-dir-file"))) {
                out.write(new byte[100_000]);
            }
            assertEquals(100_000, Files.size(fs.getPath("/new-dir-file")));
            // Changed data lives on disk, not in the heap, until commit: the WIM is untouched so far.
            assertArrayEquals(before, Files.readAllBytes(wim));
            ((WimFileSystem) fs).discard();
        }
        assertArrayEquals(before, Files.readAllBytes(wim), "discard leaves the WIM byte-identical");
    }

    @Test
    void noChangesWriteNothing() throws Exception {
        Path wim = FsFixtures.copy("basic-none.wim", tmp);
        byte[] before = Files.readAllBytes(wim);
        long modified = Files.getLastModifiedTime(wim).toMillis();
        try (FileSystem fs = FsFixtures.open(wim, Map.of())) {
            Files.readAllBytes(fs.getPath("/text/big.txt"));
        }
        assertArrayEquals(before, Files.readAllBytes(wim));
        assertEquals(modified, Files.getLastModifiedTime(wim).toMillis());
    }

    @Test
    void discardOptionThrowsChangesAway() throws Exception {
        Path wim = FsFixtures.copy("basic-none.wim", tmp);
        byte[] before = Files.readAllBytes(wim);
        try (FileSystem fs = FsFixtures.open(wim, Map.of("discard", true))) {
            Files.delete(fs.getPath("/sizes/0"));
            Files.writeString(fs.getPath("/added.txt"), "x");
        }
        assertArrayEquals(before, Files.readAllBytes(wim));
    }

    @Test
    void attributesAndStreamsCanBeSet() throws Exception {
        Path wim = FsFixtures.copy("basic-none.wim", tmp);
        try (FileSystem fs = FsFixtures.open(wim, Map.of("discard", true))) {
            Path f = fs.getPath("/sizes/1");
            FileTime t = FileTime.fromMillis(1_234_567_890_123L);
            Files.setLastModifiedTime(f, t);
            assertEquals(t, Files.getLastModifiedTime(f));
            DosFileAttributeView dos = Files.getFileAttributeView(f, DosFileAttributeView.class);
            dos.setHidden(true);
            dos.setReadOnly(true);
            assertTrue(dos.readAttributes().isHidden());
            assertTrue((Boolean) Files.getAttribute(f, "dos:readonly"));
            assertEquals(0x3, (Integer) Files.getAttribute(f, "wim:attributes") & 0x83);
            Files.setAttribute(f, "wim:shortName", "ONE~1");
            assertEquals("ONE~1", Files.getAttribute(f, "wim:shortName"));
            assertThrows(IllegalArgumentException.class, () -> Files.setAttribute(f, "basic:hidden", true));
            assertThrows(IllegalArgumentException.class, () -> Files.setAttribute(f, "wim:securityId", 99));

            UserDefinedFileAttributeView user = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
            assertEquals(java.util.List.of(), user.list());
            user.write("Zone.Identifier", ByteBuffer.wrap("[ZoneTransfer]".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(java.util.List.of("Zone.Identifier"), user.list());
            assertEquals(14, user.size("Zone.Identifier"));
            assertArrayEquals("[ZoneTransfer]".getBytes(StandardCharsets.US_ASCII),
                    (byte[]) Files.getAttribute(f, "user:Zone.Identifier"));
            user.delete("Zone.Identifier");
            assertEquals(java.util.List.of(), user.list());
            assertThrows(NoSuchFileException.class, () -> user.size("Zone.Identifier"));
            assertTrue(Files.isSymbolicLink(fs.getPath("/links/sym/relative")));
            assertFalse(Files.isRegularFile(fs.getPath("/links/sym/dangling")));
            assertTrue(Files.exists(fs.getPath("/links/sym/dangling"), LinkOption.NOFOLLOW_LINKS));
        }
    }
}
