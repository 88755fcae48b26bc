package org.jwim.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The entries of a directory as they were when the stream was opened, in wimlib's collation order. */
final class WimDirectoryStream implements DirectoryStream<Path> {
    private final WimFileSystem fs;
    private final List<Path> entries;
    private final Filter<? super Path> filter;
    private boolean closed;
    private boolean iterated;

    WimDirectoryStream(WimFileSystem fs, List<Path> entries, Filter<? super Path> filter) {
        this.fs = fs;
        this.entries = new ArrayList<>(entries);
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (closed) {
            throw new ClosedDirectoryStreamException();
        }
        if (iterated) {
            throw new IllegalStateException("the iterator was already obtained");
        }
        iterated = true;
        return new Iterator<>() {
            private int i;
            private Path next;

            @Override
            public boolean hasNext() {
                while (next == null && i < entries.size()) {
                    synchronized (WimDirectoryStream.this) {
                        if (closed || !fs.isOpen()) {
                            return false;
                        }
                    }
                    Path p = entries.get(i++);
                    try {
                        if (filter == null || filter.accept(p)) {
                            next = p;
                        }
                    } catch (IOException e) {
                        throw new DirectoryIteratorException(e);
                    } catch (UncheckedIOException e) {
                        throw new DirectoryIteratorException(e.getCause());
                    }
                }
                return next != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path p = next;
                next = null;
                return p;
            }
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
