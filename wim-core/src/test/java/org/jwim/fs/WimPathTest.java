package org.jwim.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The path operations of the {@link java.nio.file.Path} contract, as the default Unix file system does them. */
class WimPathTest {
    private static FileSystem fs;

    @BeforeAll
    static void open() throws IOException {
        fs = FileSystems.newFileSystem(FsFixtures.testWim("basic-none.wim"), Map.of("readOnly", "true"));
    }

    @AfterAll
    static void close() throws IOException {
        fs.close();
    }

    private static Path p(String s) {
        return fs.getPath(s);
    }

    @Test
    void namesRootParentAndFileName() {
        Path a = p("/Windows//System32/");
        assertEquals("/Windows/System32", a.toString());
        assertTrue(a.isAbsolute());
        assertEquals(p("/"), a.getRoot());
        assertEquals(2, a.getNameCount());
        assertEquals(p("Windows"), a.getName(0));
        assertEquals(p("System32"), a.getFileName());
        assertEquals(p("/Windows"), a.getParent());
        assertEquals(p("/"), a.getParent().getParent());
        assertNull(p("/").getParent());
        assertNull(p("/").getFileName());
        assertEquals(0, p("/").getNameCount());
        Path r = p("a/b/c");
        assertFalse(r.isAbsolute());
        assertNull(r.getRoot());
        assertEquals(p("a/b"), r.getParent());
        assertNull(p("a").getParent());
        assertEquals(p("b/c"), r.subpath(1, 3));
        assertThrows(IllegalArgumentException.class, () -> r.subpath(2, 2));
        assertThrows(IllegalArgumentException.class, () -> r.getName(3));
        assertEquals(1, p("").getNameCount());
        assertEquals(p("x/y"), fs.getPath("x", "", "y"));
        List<String> names = new ArrayList<>();
        a.forEach(n -> names.add(n.toString()));
        assertEquals(List.of("Windows", "System32"), names);
        assertThrows(InvalidPathException.class, () -> p("a\0b"));
    }

    @Test
    void startsEndsWith() {
        Path a = p("/Windows/System32/drivers");
        assertTrue(a.startsWith("/Windows"));
        assertTrue(a.startsWith("/"));
        assertFalse(a.startsWith("Windows"));
        assertFalse(a.startsWith("/Win"));
        assertTrue(a.endsWith("drivers"));
        assertTrue(a.endsWith("System32/drivers"));
        assertFalse(a.endsWith("ers"));
        assertTrue(a.endsWith("/Windows/System32/drivers"));
        assertFalse(a.endsWith("/System32/drivers"));
        assertFalse(a.startsWith(Path.of("/Windows")));
    }

    @Test
    void normalizeResolveRelativize() {
        assertEquals(p("/a/c"), p("/a/./b/../c").normalize());
        assertEquals(p("/c"), p("/../../c").normalize());
        assertEquals(p("../c"), p("a/../../c").normalize());
        assertEquals(p("/a/b"), p("/a").resolve("b"));
        assertEquals(p("/x"), p("/a").resolve("/x"));
        assertEquals(p("/a"), p("/a").resolve(""));
        assertEquals(p("/a/b"), p("/a/c").resolveSibling("b"));
        assertEquals(p("c/d"), p("/a/b").relativize(p("/a/b/c/d")));
        assertEquals(p("../../x"), p("/a/b").relativize(p("/x")));
        assertEquals(p(""), p("/a").relativize(p("/a")));
        assertEquals(p("/a/b/c/d"), p("/a/b").resolve(p("/a/b").relativize(p("/a/b/c/d"))));
        assertThrows(IllegalArgumentException.class, () -> p("/a").relativize(p("b")));
        assertThrows(ProviderMismatchException.class, () -> p("/a").resolve(Path.of("b")));
        assertEquals(p("/rel"), p("rel").toAbsolutePath());
    }

    @Test
    void equalityOrderAndUri() {
        assertEquals(p("/a/b"), p("/a//b/"));
        assertEquals(p("/a/b").hashCode(), p("/a//b/").hashCode());
        assertNotEquals(p("/A"), p("/a"));
        assertTrue(p("/a").compareTo(p("/b")) < 0);
        assertEquals("wim", p("/a b/ü").toUri().getScheme());
        assertTrue(p("/a b/ü").toUri().toASCIIString().endsWith("!/a%20b/%C3%BC"));
    }
}
