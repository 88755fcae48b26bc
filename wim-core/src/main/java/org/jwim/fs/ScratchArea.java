package org.jwim.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jwim.image.Inode;

/**
 * Where the data changed through a read-write {@link WimFileSystem} lives until it is committed:
 * one file on disk per changed stream (never the heap, whatever the size), plus the reparse data
 * of links made (a few bytes each). A stream may also be taken from a file outside the area (the
 * extracted mount's directory), which is then read at commit time and never deleted here.
 * Callers hold the file system's write lock for every change.
 */
final class ScratchArea implements AutoCloseable {
    /** A changed stream's data and whether this area made (and so deletes) the file. */
    record Data(Path file, boolean owned) {
    }

    private final Path parent;
    private Path dir;
    private long next;
    private final Map<Inode, Map<String, Data>> data = new IdentityHashMap<>();
    private final Map<Inode, byte[]> reparse = new IdentityHashMap<>();

    /** @param parent where to make the area's directory (null: java.io.tmpdir), made on first need */
    ScratchArea(Path parent) {
        this.parent = parent;
    }

    /** The changed data of stream {@code stream} ("" for the unnamed data) of {@code inode}, or null. */
    synchronized Data get(Inode inode, String stream) {
        Map<String, Data> m = data.get(inode);
        return m == null ? null : m.get(stream);
    }

    /** Every changed stream, by inode and stream name. */
    synchronized Map<Inode, Map<String, Data>> all() {
        Map<Inode, Map<String, Data>> copy = new IdentityHashMap<>();
        data.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }

    /** Reparse data of links made, by inode. */
    synchronized Map<Inode, byte[]> reparseData() {
        return new IdentityHashMap<>(reparse);
    }

    synchronized byte[] reparse(Inode inode) {
        return reparse.get(inode);
    }

    synchronized void setReparse(Inode inode, byte[] bytes) {
        reparse.put(inode, bytes);
    }

    /**
     * The scratch file of the stream, made (empty, or holding {@code initial}'s bytes) when it has none.
     * A stream taken from an outside file is first copied into the area, so writes never reach that file.
     */
    synchronized Path writable(Inode inode, String stream, InputStreamSource initial) throws IOException {
        Data d = get(inode, stream);
        if (d != null && d.owned()) {
            return d.file();
        }
        Path f = newFile();
        if (d != null) {
            Files.copy(d.file(), f, StandardCopyOption.REPLACE_EXISTING);
        } else if (initial != null) {
            try (InputStream in = initial.open()) {
                Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        put(inode, stream, new Data(f, true));
        return f;
    }

    /** Takes the stream's data from {@code file} outside the area (read when committing). */
    synchronized void adopt(Inode inode, String stream, Path file) throws IOException {
        forget(inode, stream);
        put(inode, stream, new Data(file, false));
    }

    /** Gives {@code to} copies of every changed stream and the reparse data of {@code from}. */
    synchronized void copy(Inode from, Inode to) throws IOException {
        Map<String, Data> m = data.get(from);
        if (m != null) {
            for (Map.Entry<String, Data> e : new LinkedHashMap<>(m).entrySet()) {
                Path f = newFile();
                Files.copy(e.getValue().file(), f, StandardCopyOption.REPLACE_EXISTING);
                put(to, e.getKey(), new Data(f, true));
            }
        }
        byte[] r = reparse.get(from);
        if (r != null) {
            reparse.put(to, r.clone());
        }
    }

    private void put(Inode inode, String stream, Data d) {
        data.computeIfAbsent(inode, k -> new LinkedHashMap<>()).put(stream, d);
    }

    /** Drops the changed data of one stream. */
    synchronized void forget(Inode inode, String stream) throws IOException {
        Map<String, Data> m = data.get(inode);
        Data d = m == null ? null : m.remove(stream);
        if (d != null && d.owned()) {
            Files.deleteIfExists(d.file());
        }
    }

    /** Drops everything of an inode that has no name left. */
    synchronized void forget(Inode inode) throws IOException {
        Map<String, Data> m = data.remove(inode);
        if (m != null) {
            for (Data d : m.values()) {
                if (d.owned()) {
                    Files.deleteIfExists(d.file());
                }
            }
        }
        reparse.remove(inode);
    }

    private Path newFile() throws IOException {
        if (dir == null) {
            dir = parent == null ? Files.createTempDirectory("jwim-fs-") : Files.createTempDirectory(parent, "jwim-fs-");
        }
        return Files.createFile(dir.resolve(Long.toString(next++)));
    }

    /** Deletes the area and every file in it. */
    @Override
    public synchronized void close() throws IOException {
        data.clear();
        reparse.clear();
        if (dir != null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
            dir = null;
        }
    }

    /** Where a stream's old bytes come from, opened only if they must be copied. */
    interface InputStreamSource {
        InputStream open() throws IOException;
    }
}
