package org.jwim.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path in a {@link WimFileSystem}: names separated by '/', absolute when it starts with '/'.
 * Names are case-sensitive, as wimlib looks them up. Immutable; only what the JDK's
 * {@link Path} contract asks for is done here, the file system does the rest.
 */
public final class WimPath implements Path {
    private final WimFileSystem fs;
    /** Normalized text: no repeated '/', no trailing '/' (except the root itself). */
    private final String path;
    /** Start of each name in {@link #path}. */
    private final int[] offsets;

    WimPath(WimFileSystem fs, String text) {
        this.fs = fs;
        this.path = clean(text);
        this.offsets = offsetsOf(path);
    }

    private static String clean(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new java.nio.file.InvalidPathException(s, "NUL character not allowed");
        }
        StringBuilder b = new StringBuilder(s.length());
        char prev = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' && prev == '/') {
                continue;
            }
            b.append(c);
            prev = c;
        }
        if (b.length() > 1 && b.charAt(b.length() - 1) == '/') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    private static int[] offsetsOf(String p) {
        if (p.isEmpty()) {
            return new int[] {0}; // the empty path has one (empty) name
        }
        List<Integer> l = new ArrayList<>();
        int i = p.charAt(0) == '/' ? 1 : 0;
        while (i < p.length()) {
            l.add(i);
            int slash = p.indexOf('/', i);
            i = slash < 0 ? p.length() : slash + 1;
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The names of this path. */
    List<String> names() {
        List<String> l = new ArrayList<>(offsets.length);
        for (int i = 0; i < getNameCount(); i++) {
            l.add(name(i));
        }
        return l;
    }

    private String name(int i) {
        int start = offsets[i];
        int end = i + 1 < offsets.length ? offsets[i + 1] - 1 : path.length();
        return path.substring(start, end);
    }

    @Override
    public WimFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    @Override
    public WimPath getRoot() {
        return isAbsolute() ? new WimPath(fs, "/") : null;
    }

    @Override
    public WimPath getFileName() {
        if (path.equals("/")) {
            return null;
        }
        if (path.isEmpty()) {
            return this;
        }
        return new WimPath(fs, name(offsets.length - 1));
    }

    @Override
    public WimPath getParent() {
        int n = getNameCount();
        if (n == 0 || (n == 1 && !isAbsolute())) {
            return null;
        }
        if (n == 1) {
            return new WimPath(fs, "/");
        }
        return new WimPath(fs, path.substring(0, offsets[n - 1] - 1));
    }

    @Override
    public int getNameCount() {
        return path.equals("/") ? 0 : offsets.length;
    }

    @Override
    public WimPath getName(int index) {
        if (index < 0 || index >= getNameCount()) {
            throw new IllegalArgumentException("no name " + index + " in \"" + path + "\"");
        }
        return new WimPath(fs, name(index));
    }

    @Override
    public WimPath subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || endIndex > getNameCount() || beginIndex >= endIndex) {
            throw new IllegalArgumentException("subpath(" + beginIndex + ", " + endIndex + ") of \"" + path + "\"");
        }
        return new WimPath(fs, String.join("/", names().subList(beginIndex, endIndex)));
    }

    @Override
    public boolean startsWith(Path other) {
        WimPath o = checkSameKind(other);
        if (o == null || o.isAbsolute() != isAbsolute() || o.getNameCount() > getNameCount()) {
            return false;
        }
        if (o.path.isEmpty()) {
            return path.isEmpty();
        }
        for (int i = 0; i < o.getNameCount(); i++) {
            if (!o.name(i).equals(name(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        WimPath o = checkSameKind(other);
        if (o == null || o.getNameCount() > getNameCount() || (o.isAbsolute() && !o.path.equals(path))) {
            return false;
        }
        if (o.path.isEmpty()) {
            return path.isEmpty();
        }
        int skip = getNameCount() - o.getNameCount();
        for (int i = 0; i < o.getNameCount(); i++) {
            if (!o.name(i).equals(name(skip + i))) {
                return false;
            }
        }
        return true;
    }

    private WimPath checkSameKind(Path other) {
        Objects.requireNonNull(other);
        return other instanceof WimPath w && w.fs == fs ? w : null;
    }

    @Override
    public WimPath normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            if (n.equals(".") || n.isEmpty()) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    continue;
                }
                if (isAbsolute()) {
                    continue; // ".." of the root is the root
                }
            }
            out.add(n);
        }
        return new WimPath(fs, (isAbsolute() ? "/" : "") + String.join("/", out));
    }

    @Override
    public WimPath resolve(Path other) {
        WimPath o = toWimPath(other);
        if (o.isAbsolute()) {
            return o;
        }
        if (o.path.isEmpty()) {
            return this;
        }
        if (path.isEmpty()) {
            return o;
        }
        return new WimPath(fs, path.equals("/") ? "/" + o.path : path + "/" + o.path);
    }

    @Override
    public WimPath resolve(String other) {
        return resolve(fs.getPath(other));
    }

    @Override
    public WimPath relativize(Path other) {
        WimPath o = toWimPath(other);
        if (o.isAbsolute() != isAbsolute()) {
            throw new IllegalArgumentException("\"" + other + "\" and \"" + this + "\": one is absolute, the other not");
        }
        if (o.path.equals(path)) {
            return new WimPath(fs, "");
        }
        List<String> a = path.isEmpty() ? List.of() : names();
        List<String> b = o.path.isEmpty() ? List.of() : o.names();
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        List<String> r = new ArrayList<>();
        for (int i = common; i < a.size(); i++) {
            r.add("..");
        }
        r.addAll(b.subList(common, b.size()));
        return new WimPath(fs, String.join("/", r));
    }

    @Override
    public URI toUri() {
        try {
            return new URI(WimFileSystemProvider.SCHEME, fs.wimPath().toUri() + "!" + toAbsolutePath().path, null);
        } catch (URISyntaxException e) {
            throw new java.io.UncheckedIOException(new IOException(e));
        }
    }

    @Override
    public WimPath toAbsolutePath() {
        return isAbsolute() ? this : new WimPath(fs, "/" + path);
    }

    @Override
    public WimPath toRealPath(LinkOption... options) throws IOException {
        return fs.realPath(this, WimFileSystemProvider.followLinks(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a WIM file system cannot be watched");
    }

    @Override
    public int compareTo(Path other) {
        return path.compareTo(((WimPath) other).path);
    }

    /** {@code p} as a path of this file system. */
    private WimPath toWimPath(Path p) {
        if (!(p instanceof WimPath w)) {
            throw new ProviderMismatchException(p.getClass().getName() + " is not a path of a WIM file system");
        }
        if (w.fs != fs) {
            throw new ProviderMismatchException("\"" + p + "\" is a path of another WIM file system");
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WimPath w && w.fs == fs && w.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }

}
