package org.jwim.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code wim} file-system provider: each file system is one image of a WIM file.
 *
 * <pre>{@code
 * try (FileSystem fs = FileSystems.newFileSystem(Path.of("install.wim"), Map.of("image", "2"))) {
 *     Files.walk(fs.getPath("/Windows/System32")).limit(10).forEach(System.out::println);
 * }
 * // or by URI: wim:file:///images/install.wim!/Windows/win.ini
 * }</pre>
 *
 * A file system opened by URI is registered under the WIM's path until closed, so that
 * {@link #getPath(URI)} finds it; one opened from a {@link Path} is not (as the JDK's zipfs does).
 */
public final class WimFileSystemProvider extends FileSystemProvider {
    public static final String SCHEME = "wim";

    private static final List<String> BASIC = List.of("size", "creationTime", "lastAccessTime", "lastModifiedTime",
            "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
    private static final List<String> DOS = List.of("readonly", "hidden", "system", "archive");
    private static final List<String> WIM = List.of("attributes", "securityId", "reparseTag", "linkGroupId",
            "linkCount", "shortName", "namedStreams", "sha1");

    private final Map<Path, WimFileSystem> byUri = new HashMap<>();

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** The WIM file and the path inside it of a {@code wim:file:///...!/path} URI. */
    private static Path wimOf(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a wim: URI: " + uri);
        }
        String spec = uri.getSchemeSpecificPart();
        int bang = spec.indexOf("!/");
        String file = bang >= 0 ? spec.substring(0, bang) : spec;
        try {
            return Path.of(new URI(file)).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the WIM in " + uri + " is not a file: URI", e);
        }
    }

    private static String pathIn(URI uri) {
        String spec = uri.getSchemeSpecificPart();
        int bang = spec.indexOf("!/");
        return bang >= 0 ? spec.substring(bang + 1) : "/";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        Path wim = wimOf(uri);
        synchronized (byUri) {
            if (byUri.containsKey(wim)) {
                throw new FileSystemAlreadyExistsException(wim.toString());
            }
            WimFileSystem fs = WimFileSystem.open(this, wim, WimFsOptions.of(env));
            byUri.put(wim, fs);
            return fs;
        }
    }

    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
        if (path.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
            throw new UnsupportedOperationException("a WIM must be a file of the default file system");
        }
        return WimFileSystem.open(this, path, WimFsOptions.of(env));
    }

    /** Opens image {@code options.image()} of {@code wim}. */
    public static WimFileSystem open(Path wim, WimFsOptions options) throws IOException {
        return WimFileSystem.open(instance(), wim, options);
    }

    /** The installed provider (or a new one if it is not installed). */
    static WimFileSystemProvider instance() {
        for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
            if (p instanceof WimFileSystemProvider w) {
                return w;
            }
        }
        return new WimFileSystemProvider();
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        synchronized (byUri) {
            WimFileSystem fs = byUri.get(wimOf(uri));
            if (fs == null) {
                throw new FileSystemNotFoundException(uri.toString());
            }
            return fs;
        }
    }

    void removeFileSystem(WimFileSystem fs) {
        synchronized (byUri) {
            byUri.values().remove(fs);
        }
    }

    @Override
    public Path getPath(URI uri) {
        return getFileSystem(uri).getPath(pathIn(uri));
    }

    private static WimFileSystem fs(Path p) {
        return WimFileSystem.cast(p).getFileSystem();
    }

    static boolean followLinks(LinkOption... options) {
        return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return fs(path).newByteChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return fs(dir).newDirectoryStream(dir, filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        fs(dir).createDirectory(dir, attrs);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        fs(link).createSymbolicLink(link, target, attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        fs(link).createLink(link, existing);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fs(link).getPath(fs(link).readSymbolicLink(link));
    }

    @Override
    public void delete(Path path) throws IOException {
        fs(path).delete(path);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        checkSameFileSystem(source, target);
        fs(source).copy(source, target, options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        checkSameFileSystem(source, target);
        fs(source).move(source, target, options);
    }

    private static void checkSameFileSystem(Path a, Path b) {
        if (fs(a) != fs(b)) {
            throw new java.nio.file.ProviderMismatchException("\"" + a + "\" and \"" + b
                    + "\" are in different WIM file systems: use Files.copy with streams");
        }
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return fs(path).isSameFile(path, path2);
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return fs(path).attributes(path, true).isHidden();
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        fs(path).attributes(path, true);
        return new WimFileStore(fs(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        fs(path).checkAccess(path, modes);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        WimFileSystem fs = fs(path);
        boolean follow = followLinks(options);
        if (type == BasicFileAttributeView.class) {
            return (V) new FileView("basic", fs, path, follow);
        }
        if (type == DosFileAttributeView.class) {
            return (V) new FileView("dos", fs, path, follow);
        }
        if (type == WimFileAttributeView.class) {
            return (V) new FileView("wim", fs, path, follow);
        }
        if (type == UserDefinedFileAttributeView.class) {
            return (V) new NamedStreamView(fs, path, follow);
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type == BasicFileAttributes.class || type == DosFileAttributes.class || type == WimFileAttributes.class) {
            return (A) fs(path).attributes(path, followLinks(options));
        }
        throw new UnsupportedOperationException("attributes of type " + type.getName() + " are not supported");
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        String names = colon < 0 ? attributes : attributes.substring(colon + 1);
        WimFileSystem fs = fs(path);
        boolean follow = followLinks(options);
        Map<String, Object> out = new LinkedHashMap<>();
        if (view.equals("user")) {
            NamedStreamView v = new NamedStreamView(fs, path, follow);
            List<String> wanted = names.equals("*") ? v.list() : Arrays.asList(names.split(","));
            for (String n : wanted) {
                ByteBuffer b = ByteBuffer.allocate(v.size(n));
                v.read(n, b);
                out.put(n, b.array());
            }
            return out;
        }
        List<String> known = switch (view) {
            case "basic" -> BASIC;
            case "dos" -> concat(BASIC, DOS);
            case "wim" -> concat(concat(BASIC, DOS), WIM);
            default -> throw new UnsupportedOperationException("view \"" + view + "\" is not supported");
        };
        NodeAttributes a = fs.attributes(path, follow);
        List<String> wanted = names.equals("*") ? known : Arrays.asList(names.split(","));
        for (String n : wanted) {
            if (n.equals("*")) {
                known.forEach(k -> out.put(k, value(a, k)));
                continue;
            }
            if (!known.contains(n)) {
                throw new IllegalArgumentException("\"" + n + "\" is not an attribute of the " + view + " view");
            }
            out.put(n, value(a, n));
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static Object value(NodeAttributes a, String name) {
        return switch (name) {
            case "size" -> a.size();
            case "creationTime" -> a.creationTime();
            case "lastAccessTime" -> a.lastAccessTime();
            case "lastModifiedTime" -> a.lastModifiedTime();
            case "isRegularFile" -> a.isRegularFile();
            case "isDirectory" -> a.isDirectory();
            case "isSymbolicLink" -> a.isSymbolicLink();
            case "isOther" -> a.isOther();
            case "fileKey" -> a.fileKey();
            case "readonly" -> a.isReadOnly();
            case "hidden" -> a.isHidden();
            case "system" -> a.isSystem();
            case "archive" -> a.isArchive();
            case "attributes" -> a.attributes();
            case "securityId" -> a.securityId();
            case "reparseTag" -> a.reparseTag();
            case "linkGroupId" -> a.linkGroupId();
            case "linkCount" -> a.linkCount();
            case "shortName" -> a.shortName();
            case "namedStreams" -> a.namedStreams();
            case "sha1" -> a.sha1();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        int colon = attribute.indexOf(':');
        String view = colon < 0 ? "basic" : attribute.substring(0, colon);
        String name = colon < 0 ? attribute : attribute.substring(colon + 1);
        WimFileSystem fs = fs(path);
        boolean follow = followLinks(options);
        if (view.equals("user")) {
            ByteBuffer b = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : (ByteBuffer) value;
            new NamedStreamView(fs, path, follow).write(name, b);
            return;
        }
        if (!view.equals("basic") && !view.equals("dos") && !view.equals("wim")) {
            throw new UnsupportedOperationException("view \"" + view + "\" is not supported");
        }
        FileView v = new FileView(view, fs, path, follow);
        boolean dosOk = !view.equals("basic");
        boolean wimOk = view.equals("wim");
        switch (name) {
            case "lastModifiedTime" -> v.setTimes((FileTime) value, null, null);
            case "lastAccessTime" -> v.setTimes(null, (FileTime) value, null);
            case "creationTime" -> v.setTimes(null, null, (FileTime) value);
            case "readonly" -> requireView(dosOk, view, name, v).setReadOnly((Boolean) value);
            case "hidden" -> requireView(dosOk, view, name, v).setHidden((Boolean) value);
            case "system" -> requireView(dosOk, view, name, v).setSystem((Boolean) value);
            case "archive" -> requireView(dosOk, view, name, v).setArchive((Boolean) value);
            case "attributes" -> requireView(wimOk, view, name, v).setAttributes((Integer) value);
            case "shortName" -> requireView(wimOk, view, name, v).setShortName((String) value);
            case "securityId" -> requireView(wimOk, view, name, v).setSecurityId((Integer) value);
            default -> throw new IllegalArgumentException("\"" + name + "\" cannot be set in the " + view + " view");
        }
    }

    private static FileView requireView(boolean ok, String view, String name, FileView v) {
        if (!ok) {
            throw new IllegalArgumentException("\"" + name + "\" is not an attribute of the " + view + " view");
        }
        return v;
    }
}
