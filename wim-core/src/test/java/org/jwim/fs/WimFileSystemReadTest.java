package org.jwim.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jwim.Image;
import org.jwim.Wim;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image through the file system, checked against the reader and against wimlib's apply. */
class WimFileSystemReadTest {
    private static final Path WIM = FsFixtures.testWim("basic-none.wim");
    private static FileSystem fs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() throws IOException {
        fs = FileSystems.newFileSystem(WIM, Map.of("readOnly", true));
    }

    @AfterAll
    static void close() throws IOException {
        fs.close();
    }

    @Test
    void installedUnderTheWimScheme() throws IOException {
        assertTrue(fs instanceof WimFileSystem);
        assertEquals("wim", fs.provider().getScheme());
        assertTrue(fs.isReadOnly());
        assertEquals("/", fs.getSeparator());
        assertEquals(List.of(fs.getPath("/")), iterate(fs.getRootDirectories()));
        assertTrue(fs.supportedFileAttributeViews().containsAll(List.of("basic", "dos", "wim", "user")));
        assertEquals("wim", Files.getFileStore(fs.getPath("/text")).type());
        assertTrue(Files.getFileStore(fs.getPath("/text")).isReadOnly());
    }

    @Test
    void treeAndContentsAreWhatWimlibApplies() throws Exception {
        Map<String, String> wimlib = FsFixtures.appliedByWimlib(WIM, 1, tmp.resolve("applied"));
        Map<String, String> ours = FsFixtures.describe(fs.getPath("/"), null);
        assertEquals(wimlib, ours);
    }

    @Test
    void walkIsTheImageInCollationOrder() throws IOException {
        List<String> expected = new ArrayList<>();
        try (Wim wim = Wim.open(WIM)) {
            wim.image(1).walk().forEach(d -> expected.add(d.path()));
        }
        List<String> walked;
        try (Stream<Path> s = Files.walk(fs.getPath("/"))) {
            walked = s.map(Path::toString).toList();
        }
        assertEquals(expected, walked);
    }

    @Test
    void seekableChannelReadsAnyRange() throws IOException {
        Path big = fs.getPath("/text/big.txt");
        byte[] all = Files.readAllBytes(big);
        assertEquals(Files.size(big), all.length);
        Random r = new Random(1);
        try (SeekableByteChannel ch = Files.newByteChannel(big)) {
            assertEquals(all.length, ch.size());
            for (int i = 0; i < 200; i++) {
                int pos = r.nextInt(all.length);
                int len = Math.min(all.length - pos, 1 + r.nextInt(70_000));
                ByteBuffer b = ByteBuffer.allocate(len);
                ch.position(pos);
                while (b.hasRemaining() && ch.read(b) > 0) {
                    // fill
                }
                assertArrayEquals(java.util.Arrays.copyOfRange(all, pos, pos + len), b.array(), "at " + pos);
            }
            ch.position(all.length + 10L);
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void attributesComeFromTheImage() throws IOException {
        try (Wim wim = Wim.open(WIM)) {
            Image img = wim.image(1);
            for (Dentry d : img.walk().toList()) {
                Path p = fs.getPath(d.path());
                BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                assertEquals(NodeAttributes.fileTime(d.inode().lastWriteTime()), b.lastModifiedTime(), d.path());
                assertEquals(NodeAttributes.fileTime(d.inode().creationTime()), b.creationTime(), d.path());
                assertEquals(NodeAttributes.fileTime(d.inode().lastAccessTime()), b.lastAccessTime(), d.path());
                boolean link = d.inode().isReparsePoint();
                assertEquals(link, b.isSymbolicLink(), d.path());
                assertEquals(d.isDirectory() && !link, b.isDirectory(), d.path());
                assertEquals(!d.isDirectory() && !link, b.isRegularFile(), d.path());
                if (b.isRegularFile()) {
                    assertEquals(d.inode().size(), b.size(), d.path());
                }
                WimFileAttributes w = Files.readAttributes(p, WimFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                assertEquals(d.inode().attributes(), w.attributes());
                assertEquals(d.inode().links().size(), w.linkCount());
                assertEquals(d.inode().securityId(), w.securityId());
            }
        }
        Map<String, Object> m = Files.readAttributes(fs.getPath("/links/hard/original.txt"), "wim:*");
        assertEquals(3, m.get("linkCount"));
        assertTrue((Long) m.get("linkGroupId") != 0);
        assertEquals(Files.readAttributes(fs.getPath("/hard-third-name.txt"), "basic:fileKey").get("fileKey"),
                Files.readAttributes(fs.getPath("/links/hard/original.txt"), "fileKey").get("fileKey"));
        assertTrue(Files.isSameFile(fs.getPath("/hard-third-name.txt"), fs.getPath("/links/hard/original.txt")));
        assertFalse(Files.isSameFile(fs.getPath("/dups/a.bin"), fs.getPath("/dups/b.bin")));
        Map<String, Object> basic = Files.readAttributes(fs.getPath("/sizes/65537"), "size,isRegularFile");
        assertEquals(Map.of("size", 65537L, "isRegularFile", true), basic);
        DosFileAttributes dos = Files.readAttributes(fs.getPath("/sizes/1"), DosFileAttributes.class);
        assertFalse(dos.isHidden());
        assertThrows(IllegalArgumentException.class, () -> Files.readAttributes(fs.getPath("/"), "basic:nonsense"));
        assertThrows(UnsupportedOperationException.class, () -> Files.readAttributes(fs.getPath("/"), "posix:*"));
    }

    @Test
    void symbolicLinksReadAndFollowInsideTheImage() throws IOException {
        Path rel = fs.getPath("/links/sym/relative");
        assertTrue(Files.isSymbolicLink(rel));
        Path target = Files.readSymbolicLink(rel);
        assertFalse(target.isAbsolute());
        assertArrayEquals(Files.readAllBytes(rel.getParent().resolve(target)), Files.readAllBytes(rel));
        // an absolute link fixed at capture points into the image
        Path abs = fs.getPath("/links/sym/absolute-inside-dir");
        assertTrue(Files.readSymbolicLink(abs).isAbsolute());
        assertTrue(Files.isDirectory(abs));
        assertFalse(Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS));
        assertEquals(Files.readSymbolicLink(abs), abs.toRealPath());
        assertTrue(Files.exists(fs.getPath("/links/sym/chain-1")));
        assertFalse(Files.exists(fs.getPath("/links/sym/dangling")));
        assertTrue(Files.exists(fs.getPath("/links/sym/dangling"), LinkOption.NOFOLLOW_LINKS));
        assertThrows(NotLinkException.class, () -> Files.readSymbolicLink(fs.getPath("/text/big.txt")));
    }

    @Test
    void missingFilesAndWrongKinds() {
        Path missing = fs.getPath("/no/such/file");
        assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(missing));
        assertThrows(NoSuchFileException.class, () -> Files.readAttributes(missing, BasicFileAttributes.class));
        assertThrows(NoSuchFileException.class, () -> Files.newDirectoryStream(missing));
        assertThrows(NoSuchFileException.class, () -> fs.provider().checkAccess(missing));
        assertFalse(Files.exists(missing));
        assertThrows(NotDirectoryException.class, () -> Files.newDirectoryStream(fs.getPath("/text/big.txt")));
        assertThrows(java.nio.file.FileSystemException.class, () -> Files.readAllBytes(fs.getPath("/text")));
        assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(fs.getPath("/text/big.txt/x")));
    }

    @Test
    void everyChangeIsRefusedWhenReadOnly() {
        Path f = fs.getPath("/text/big.txt");
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.write(fs.getPath("/new"), new byte[1]));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.newByteChannel(f, StandardOpenOption.WRITE));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(f));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.createDirectory(fs.getPath("/d")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.move(f, fs.getPath("/moved")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.copy(f, fs.getPath("/copied")));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.createLink(fs.getPath("/l"), f));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.createSymbolicLink(fs.getPath("/s"), f));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.setAttribute(f, "dos:hidden", true));
        assertThrows(ReadOnlyFileSystemException.class, () -> Files.setLastModifiedTime(f,
                java.nio.file.attribute.FileTime.fromMillis(0)));
        assertThrows(AccessDeniedException.class, () -> fs.provider().checkAccess(f, AccessMode.WRITE));
        assertFalse(Files.isWritable(f));
        assertTrue(Files.isReadable(f));
    }

    @Test
    void directoryStreamsFilterWithGlobs() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fs.getPath("/sizes"), "3276?")) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(List.of("32767", "32768", "32769"), names);
        var m = fs.getPathMatcher("glob:/unicode/**.txt");
        assertTrue(m.matches(fs.getPath("/unicode/中文目录/文件.txt")));
        assertFalse(m.matches(fs.getPath("/text/big.txt")));
        assertTrue(fs.getPathMatcher("glob:*.{exe,dll}").matches(fs.getPath("notepad.exe")));
        assertTrue(fs.getPathMatcher("regex:.*ad.*").matches(fs.getPath("notepad.exe")));
    }

    @Test
    void uriOpensAndFindsTheFileSystem() throws IOException {
        URI uri = URI.create("wim:" + WIM.toAbsolutePath().toUri() + "!/text/big.txt");
        try (FileSystem byUri = FileSystems.newFileSystem(uri, Map.of("readOnly", "true", "image", "1"))) {
            Path p = Path.of(uri);
            assertSame(byUri, p.getFileSystem());
            assertEquals("/text/big.txt", p.toString());
            assertEquals(uri, p.toUri());
            assertEquals(Path.of(p.toUri()), p);
            assertEquals(Files.size(fs.getPath("/text/big.txt")), Files.size(p));
            assertThrows(FileSystemAlreadyExistsException.class, () -> FileSystems.newFileSystem(uri, Map.of()));
        }
        assertThrows(FileSystemNotFoundException.class, () -> Path.of(uri));
    }

    @Test
    void imageByNameAndBadImages() throws IOException {
        try (FileSystem byName = FileSystems.newFileSystem(WIM, Map.of("image", "tree-basic", "readOnly", "true"))) {
            assertTrue(Files.isDirectory(byName.getPath("/text")));
        }
        assertThrows(IllegalArgumentException.class, () -> FileSystems.newFileSystem(WIM, Map.of("image", "2")));
        assertThrows(IllegalArgumentException.class, () -> FileSystems.newFileSystem(WIM, Map.of("commit", "later")));
    }

    @Test
    void closedFileSystemRefusesEverything() throws IOException {
        FileSystem f = FileSystems.newFileSystem(WIM, Map.of("readOnly", "true"));
        Path p = f.getPath("/text/big.txt");
        f.close();
        f.close();
        assertFalse(f.isOpen());
        assertThrows(ClosedFileSystemException.class, () -> Files.readAllBytes(p));
        assertThrows(ClosedFileSystemException.class, () -> Files.exists(p) );
    }

    @Test
    void concurrentReadersSeeTheRightBytes() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(fs.getPath("/"))) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        Map<String, String> expected = FsFixtures.describe(fs.getPath("/"), null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    List<Path> order = new ArrayList<>(files);
                    java.util.Collections.shuffle(order, new Random(seed));
                    int n = 0;
                    for (int round = 0; round < 3; round++) {
                        for (Path p : order) {
                            String rel = fs.getPath("/").relativize(p).toString();
                            String want = expected.get(rel);
                            assertEquals(want, "file " + Files.size(p) + " " + FsFixtures.sha1(p), rel);
                            n++;
                        }
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(files.size() * 3, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertNotNull(FileAttributes.names(0));
    }

    private static <T> List<T> iterate(Iterable<T> it) {
        List<T> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }
}
