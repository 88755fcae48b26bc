package org.jwim.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jwim.image.Dentry;

/**
 * The dentries of a subtree in wimlib's listing order (a directory, then its children in
 * collation order), each with its absolute path built from its parent's, so a deep tree costs no
 * walk up to the root per entry.
 */
final class PathWalk implements Iterator<PathWalk.Entry> {
    /** A dentry and its absolute path ("/" for the root). */
    record Entry(Dentry dentry, String path) {
    }

    private final Deque<Entry> stack = new ArrayDeque<>();
    private final boolean recursive;

    /** Everything from {@code start} down, or only {@code start} when not {@code recursive}. */
    PathWalk(Dentry start, boolean recursive) {
        stack.push(new Entry(start, start.path()));
        this.recursive = recursive;
    }

    @Override
    public boolean hasNext() {
        return !stack.isEmpty();
    }

    @Override
    public Entry next() {
        Entry e = stack.poll();
        if (e == null) {
            throw new NoSuchElementException();
        }
        if (recursive) {
            List<Dentry> children = e.dentry().children();
            String prefix = e.dentry().isRoot() ? "/" : e.path() + "/";
            for (int i = children.size() - 1; i >= 0; i--) {
                Dentry c = children.get(i);
                stack.push(new Entry(c, prefix + c.name()));
            }
        }
        return e;
    }
}
