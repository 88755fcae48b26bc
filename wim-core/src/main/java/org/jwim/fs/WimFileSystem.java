package org.jwim.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import org.jwim.Image;
import org.jwim.OpenOptions;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.ReparsePoint;
import org.jwim.image.StreamEntry;
import org.jwim.io.BlobChannel;
import org.jwim.write.WimWriter;

/**
 * One image of a WIM as a {@link FileSystem}, as the JDK's zipfs is for a ZIP file. Open it with
 * {@code FileSystems.newFileSystem(Path.of("install.wim"), Map.of("image", "2"))} (see
 * {@link WimFsOptions} for the env keys), or through a {@code wim:file:///...!/path} URI.
 *
 * <p>Reading decodes only the chunks a read touches. In a read-write file system, changed data is
 * kept in a scratch area on disk (not in the heap) and {@link #close()} commits the changed tree
 * as a new version of the image (in append mode: only new data and the new metadata are written,
 * the header last, so a crash leaves the old WIM intact); unchanged files are neither read nor
 * recompressed. Several threads may read and write at once: the tree is guarded by a read-write
 * lock, data channels are independent.
 */
public final class WimFileSystem extends FileSystem {
    private static final int MAX_LINK_HOPS = 40;

    private final WimFileSystemProvider provider;
    private final Path wimPath;
    private final WimFsOptions options;
    private final Wim wim;
    private final Image image;
    private final ImageTree tree;
    /** The first bytes of the WIM when opened: a commit refuses to go on if another writer changed them. */
    private final byte[] headerAtOpen;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ScratchArea scratch;
    private volatile boolean open = true;
    private boolean changed;

    private WimFileSystem(WimFileSystemProvider provider, Path wimPath, WimFsOptions options, Wim wim, Image image,
                          byte[] headerAtOpen) throws IOException {
        this.provider = provider;
        this.wimPath = wimPath;
        this.options = options;
        this.wim = wim;
        this.image = image;
        this.tree = image.tree();
        this.headerAtOpen = headerAtOpen;
        this.scratch = new ScratchArea(options.tempDir());
    }

    static WimFileSystem open(WimFileSystemProvider provider, Path wimFile, WimFsOptions options) throws IOException {
        Path abs = wimFile.toAbsolutePath().normalize();
        byte[] header = ImageCommit.headerBytes(abs);
        Wim wim = Wim.open(abs, OpenOptions.defaults().withRefs(options.refs()).withCheckIntegrity(options.check()));
        try {
            if (!options.readOnly()) {
                ImageCommit.checkWritable(wim);
            }
            Image image = wim.image(options.image());
            return new WimFileSystem(provider, abs, options, wim, image, header);
        } catch (IOException | RuntimeException e) {
            wim.close();
            throw e;
        }
    }

    /** The WIM file. */
    public Path wimPath() {
        return wimPath;
    }

    /** The image shown (1-based index in the WIM as opened). */
    public int imageIndex() {
        return image.index();
    }

    public WimFsOptions options() {
        return options;
    }

    /** Whether anything was changed since the file system was opened. */
    public boolean hasChanges() {
        Lock l = readLock();
        try {
            return changed;
        } finally {
            l.unlock();
        }
    }

    @Override
    public WimFileSystemProvider provider() {
        return provider;
    }

    /**
     * Closes the file system; in a read-write one with changes (and without the {@code discard}
     * option) the changes are committed to the WIM first. If the commit fails the WIM is as it was
     * and the changes are lost.
     */
    @Override
    public void close() throws IOException {
        ReentrantReadWriteLock.WriteLock l = lock.writeLock();
        l.lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            try {
                wim.close();
                if (changed && !options.readOnly() && !options.discard()) {
                    ImageCommit.commit(this, tree, scratch, headerAtOpen);
                }
            } finally {
                scratch.close();
                provider.removeFileSystem(this);
            }
        } finally {
            l.unlock();
        }
    }

    /** Closes the file system throwing every change away: the WIM stays byte for byte as it was. */
    public void discard() throws IOException {
        ReentrantReadWriteLock.WriteLock l = lock.writeLock();
        l.lock();
        try {
            changed = false;
        } finally {
            l.unlock();
        }
        close();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return options.readOnly();
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        ensureOpen();
        return List.of(new WimPath(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        ensureOpen();
        return List.of(new WimFileStore(this));
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic", "dos", "wim", "user");
    }

    @Override
    public WimPath getPath(String first, String... more) {
        StringBuilder b = new StringBuilder(first);
        for (String s : more) {
            if (!s.isEmpty()) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(s);
            }
        }
        return new WimPath(this, b.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        int colon = syntaxAndPattern.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected syntax:pattern, got \"" + syntaxAndPattern + "\"");
        }
        String syntax = syntaxAndPattern.substring(0, colon);
        String pattern = syntaxAndPattern.substring(colon + 1);
        String regex;
        if (syntax.equalsIgnoreCase("glob")) {
            regex = Globs.toRegex(pattern);
        } else if (syntax.equalsIgnoreCase("regex")) {
            regex = pattern;
        } else {
            throw new UnsupportedOperationException("syntax \"" + syntax + "\" is not supported (glob or regex)");
        }
        Pattern p = Pattern.compile(regex);
        return path -> p.matcher(path.toString()).matches();
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("a WIM stores Windows security descriptors, not owners by name");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("a WIM file system cannot be watched");
    }

    @Override
    public String toString() {
        return wimPath + " (image " + image.index() + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Locking and lookup

    private void ensureOpen() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
    }

    private Lock readLock() {
        Lock l = lock.readLock();
        l.lock();
        if (!open) {
            l.unlock();
            throw new ClosedFileSystemException();
        }
        return l;
    }

    private Lock writeLock() {
        if (options.readOnly()) {
            ensureOpen();
            throw new ReadOnlyFileSystemException();
        }
        Lock l = lock.writeLock();
        l.lock();
        if (!open) {
            l.unlock();
            throw new ClosedFileSystemException();
        }
        return l;
    }

    static WimPath cast(Path p) {
        if (!(p instanceof WimPath w)) {
            throw new ProviderMismatchException((p == null ? "null" : p.getClass().getName())
                    + " is not a path of a WIM file system");
        }
        return w;
    }

    private WimPath own(Path p) {
        WimPath w = cast(p);
        if (w.getFileSystem() != this) {
            throw new ProviderMismatchException("\"" + p + "\" is a path of another WIM file system");
        }
        return w;
    }

    private static boolean isLink(Dentry d) {
        Inode i = d.inode();
        return NodeAttributes.isLinkTag(i.attributes(), i.reparseTag());
    }

    private static boolean isDirectory(Dentry d) {
        return d.isDirectory() && !isLink(d);
    }

    /** The dentry {@code p} names, or null; links are followed on the way, and at the end if {@code follow}. */
    private Dentry find(WimPath p, boolean follow) throws IOException {
        Deque<String> todo = new ArrayDeque<>(p.toAbsolutePath().names());
        Dentry cur = tree.root();
        int hops = 0;
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.isEmpty() || n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                cur = cur.parent() != null ? cur.parent() : cur;
                continue;
            }
            if (!isDirectory(cur)) {
                return null;
            }
            Dentry child = cur.child(n);
            if (child == null) {
                return null;
            }
            if (isLink(child) && (follow || !todo.isEmpty())) {
                if (++hops > MAX_LINK_HOPS) {
                    throw new FileSystemException(p.toString(), null, "Too many levels of symbolic links");
                }
                String target = linkTarget(child);
                if (target == null) {
                    return null;
                }
                List<String> names = new WimPath(this, target).names();
                for (int i = names.size() - 1; i >= 0; i--) {
                    todo.push(names.get(i));
                }
                if (target.startsWith("/")) {
                    cur = tree.root();
                }
                continue;
            }
            cur = child;
        }
        return cur;
    }

    private Dentry get(WimPath p, boolean follow) throws IOException {
        Dentry d = find(p, follow);
        if (d == null) {
            throw new NoSuchFileException(p.toString());
        }
        return d;
    }

    /** The directory that is to hold {@code p}'s last name (links followed). */
    private Dentry parentDir(WimPath p) throws IOException {
        WimPath abs = p.toAbsolutePath();
        WimPath parent = abs.getParent();
        if (parent == null) {
            throw new FileSystemException(p.toString(), null, "is the root directory");
        }
        Dentry d = get(parent, true);
        if (!isDirectory(d)) {
            throw new NotDirectoryException(parent.toString());
        }
        return d;
    }

    private static String lastName(WimPath p) throws FileSystemException {
        WimPath name = p.toAbsolutePath().getFileName();
        String s = name == null ? "" : name.toString();
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            throw new FileSystemException(p.toString(), null, "not a valid name for a new file");
        }
        return s;
    }

    private String linkTarget(Dentry d) throws IOException {
        Inode inode = d.inode();
        byte[] data = scratch.reparse(inode);
        if (data == null) {
            data = image.reparseData(inode);
        }
        return data == null ? null : LinkTargets.fromReparsePoint(ReparsePoint.decode(inode.reparseTag(), data));
    }

    WimPath realPath(WimPath p, boolean follow) throws IOException {
        Lock l = readLock();
        try {
            Dentry d = get(p, follow);
            return new WimPath(this, d.path());
        } finally {
            l.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    NodeAttributes attributes(Path path, boolean follow) throws IOException {
        Lock l = readLock();
        try {
            return attributesOf(get(own(path), follow));
        } finally {
            l.unlock();
        }
    }

    private NodeAttributes attributesOf(Dentry d) throws IOException {
        Inode i = d.inode();
        List<String> named = new ArrayList<>();
        for (StreamEntry s : i.namedStreams()) {
            named.add(s.name());
        }
        ScratchArea.Data changedData = scratch.get(i, "");
        long size;
        String sha1;
        if (changedData != null) {
            size = java.nio.file.Files.size(changedData.file());
            sha1 = null;
        } else {
            StreamEntry s = i.unnamedData();
            size = s == null ? 0 : Math.max(0, s.size());
            sha1 = s == null || s.isEmpty() ? "" : s.hash().toString();
        }
        if (i.isDirectory()) {
            size = 0;
        }
        return new NodeAttributes(i.attributes(), i.creationTime(), i.lastAccessTime(), i.lastWriteTime(), size,
                i.securityId(), i.isReparsePoint() ? i.reparseTag() : 0, i.linkGroupId(), i.links().size(),
                d.shortName(), List.copyOf(named), sha1, new FileKey(i));
    }

    /** The identity of a file (an inode): equal for hard links of one file. */
    private static final class FileKey {
        private final Inode inode;

        FileKey(Inode inode) {
            this.inode = inode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FileKey k && k.inode == inode;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(inode);
        }

        @Override
        public String toString() {
            return "inode@" + Integer.toHexString(hashCode());
        }
    }

    SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> opts, FileAttribute<?>... attrs)
            throws IOException {
        WimPath p = own(path);
        boolean write = opts.contains(StandardOpenOption.WRITE) || opts.contains(StandardOpenOption.APPEND);
        if (opts.contains(StandardOpenOption.APPEND) && opts.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ and APPEND cannot be combined");
        }
        if (opts.contains(StandardOpenOption.APPEND) && opts.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            throw new IllegalArgumentException("APPEND and TRUNCATE_EXISTING cannot be combined");
        }
        if (attrs.length > 0) {
            throw new UnsupportedOperationException("initial attributes are not supported: " + attrs[0].name());
        }
        boolean follow = !opts.contains(LinkOption.NOFOLLOW_LINKS);
        if (!write) {
            Lock l = readLock();
            try {
                Dentry d = get(p, follow);
                checkNotDirectory(p, d);
                return readChannel(d.inode(), "");
            } finally {
                l.unlock();
            }
        }
        Lock l = writeLock();
        try {
            Dentry d = find(p, follow);
            if (d == null) {
                if (!opts.contains(StandardOpenOption.CREATE) && !opts.contains(StandardOpenOption.CREATE_NEW)) {
                    throw new NoSuchFileException(p.toString());
                }
                d = newFile(p);
            } else {
                if (opts.contains(StandardOpenOption.CREATE_NEW)) {
                    throw new FileAlreadyExistsException(p.toString());
                }
                checkNotDirectory(p, d);
            }
            return writeChannel(d.inode(), "", opts);
        } finally {
            l.unlock();
        }
    }

    private static void checkNotDirectory(WimPath p, Dentry d) throws FileSystemException {
        if (isDirectory(d)) {
            throw new FileSystemException(p.toString(), null, "Is a directory");
        }
        if (isLink(d)) {
            throw new FileSystemException(p.toString(), null, "Too many levels of symbolic links (a link was not followed)");
        }
    }

    /** A channel reading the stream's current data: changed data from the scratch area, else the WIM's blob. */
    private SeekableByteChannel readChannel(Inode inode, String stream) throws IOException {
        ScratchArea.Data data = scratch.get(inode, stream);
        if (data != null) {
            return FileChannel.open(data.file(), StandardOpenOption.READ);
        }
        StreamEntry s = stream.isEmpty() ? inode.unnamedData() : inode.namedStream(stream);
        if (s == null || s.isEmpty()) {
            return new BlobChannel(null);
        }
        BlobDescriptor b = wim.blob(s.hash());
        if (b == null) {
            throw new IOException("blob " + s.hash() + " of this file is not in " + wimPath
                    + " (a split or delta WIM opened without its other parts?)");
        }
        return new BlobChannel(b);
    }

    private InputStream openOld(Inode inode, String stream) throws IOException {
        StreamEntry s = stream.isEmpty() ? inode.unnamedData() : inode.namedStream(stream);
        return s == null ? InputStream.nullInputStream() : image.openStream(s);
    }

    /** A channel writing the stream into the scratch area (its old data copied there first unless truncated). */
    private SeekableByteChannel writeChannel(Inode inode, String stream, Set<? extends OpenOption> opts)
            throws IOException {
        boolean truncate = opts.contains(StandardOpenOption.TRUNCATE_EXISTING);
        Path f = scratch.writable(inode, stream, truncate ? null : () -> openOld(inode, stream));
        ensureStreamEntry(inode, stream);
        Set<OpenOption> fileOpts = new HashSet<>();
        for (OpenOption o : opts) {
            if (o == StandardOpenOption.READ || o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND
                    || o == StandardOpenOption.TRUNCATE_EXISTING || o == StandardOpenOption.SYNC
                    || o == StandardOpenOption.DSYNC) {
                fileOpts.add(o);
            }
        }
        if (!fileOpts.contains(StandardOpenOption.APPEND)) {
            fileOpts.add(StandardOpenOption.WRITE);
        }
        FileChannel ch = FileChannel.open(f, fileOpts);
        changed = true;
        touch(inode);
        return new ScratchChannel(ch, () -> touch(inode));
    }

    private static void touch(Inode inode) {
        long now = WimWriter.fileTimeNow();
        inode.setTimes(inode.creationTime(), now, now);
    }

    /** Makes sure the inode has an entry for the stream (the writer fills in its hash at commit). */
    private static void ensureStreamEntry(Inode inode, String stream) {
        StreamEntry s = stream.isEmpty() ? inode.unnamedData() : inode.namedStream(stream);
        if (s == null) {
            inode.streams().add(new StreamEntry(StreamEntry.Type.DATA, stream, Sha1Hash.ZERO, 0));
        }
    }

    DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        WimPath p = own(dir);
        List<Path> entries = new ArrayList<>();
        Lock l = readLock();
        try {
            Dentry d = get(p, true);
            if (!isDirectory(d)) {
                throw new NotDirectoryException(p.toString());
            }
            for (Dentry c : d.children()) {
                entries.add(p.resolve(c.name()));
            }
        } finally {
            l.unlock();
        }
        return new WimDirectoryStream(this, entries, filter);
    }

    String readSymbolicLink(Path link) throws IOException {
        WimPath p = own(link);
        Lock l = readLock();
        try {
            Dentry d = get(p, false);
            if (!isLink(d)) {
                throw new NotLinkException(p.toString());
            }
            String t = linkTarget(d);
            if (t == null) {
                throw new FileSystemException(p.toString(), null, "the link's reparse data cannot be decoded");
            }
            return t;
        } finally {
            l.unlock();
        }
    }

    void checkAccess(Path path, AccessMode... modes) throws IOException {
        WimPath p = own(path);
        Lock l = readLock();
        try {
            get(p, true);
        } finally {
            l.unlock();
        }
        for (AccessMode m : modes) {
            if (m == AccessMode.WRITE && options.readOnly()) {
                throw new AccessDeniedException(p.toString(), null, "the WIM file system is read-only");
            }
        }
    }

    boolean isSameFile(Path a, Path b) throws IOException {
        if (a.equals(b)) {
            return true;
        }
        if (!(b instanceof WimPath) || ((WimPath) b).getFileSystem() != this) {
            return false;
        }
        Lock l = readLock();
        try {
            return get(own(a), true).inode() == get(own(b), true).inode();
        } finally {
            l.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Changing the tree

    private Dentry newFile(WimPath p) throws IOException {
        Dentry parent = parentDir(p);
        String name = lastName(p);
        Inode inode = new Inode();
        inode.setAttributes(FileAttributes.NORMAL);
        long now = WimWriter.fileTimeNow();
        inode.setTimes(now, now, now);
        inode.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
        Dentry d = new Dentry(name, inode);
        addChild(p, parent, d);
        return d;
    }

    private void addChild(WimPath p, Dentry parent, Dentry d) throws IOException {
        if (!parent.addChild(d)) {
            d.detachFromInode();
            throw new FileAlreadyExistsException(p.toString());
        }
        changed = true;
    }

    void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        WimPath p = own(dir);
        if (attrs.length > 0) {
            throw new UnsupportedOperationException("initial attributes are not supported: " + attrs[0].name());
        }
        Lock l = writeLock();
        try {
            if (p.toAbsolutePath().getNameCount() == 0 || find(p, false) != null) {
                throw new FileAlreadyExistsException(p.toString());
            }
            Dentry parent = parentDir(p);
            Inode inode = new Inode();
            inode.setAttributes(FileAttributes.DIRECTORY);
            long now = WimWriter.fileTimeNow();
            inode.setTimes(now, now, now);
            addChild(p, parent, new Dentry(lastName(p), inode));
        } finally {
            l.unlock();
        }
    }

    void delete(Path path) throws IOException {
        WimPath p = own(path);
        Lock l = writeLock();
        try {
            Dentry d = get(p, false);
            if (d.isRoot()) {
                throw new FileSystemException(p.toString(), null, "the root directory cannot be deleted");
            }
            if (!d.children().isEmpty()) {
                throw new DirectoryNotEmptyException(p.toString());
            }
            unlink(d);
        } finally {
            l.unlock();
        }
    }

    private void unlink(Dentry d) throws IOException {
        Inode inode = d.inode();
        d.parent().removeChild(d);
        if (inode.links().isEmpty()) {
            scratch.forget(inode);
        }
        changed = true;
    }

    void createLink(Path link, Path existing) throws IOException {
        WimPath lp = own(link);
        WimPath ep = own(existing);
        Lock l = writeLock();
        try {
            Dentry target = get(ep, false);
            if (target.isDirectory()) {
                throw new FileSystemException(ep.toString(), lp.toString(), "a directory cannot have hard links");
            }
            if (find(lp, false) != null) {
                throw new FileAlreadyExistsException(lp.toString());
            }
            Dentry parent = parentDir(lp);
            addChild(lp, parent, new Dentry(lastName(lp), target.inode()));
        } finally {
            l.unlock();
        }
    }

    void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        WimPath lp = own(link);
        String t = own(target).toString();
        if (attrs.length > 0) {
            throw new UnsupportedOperationException("initial attributes are not supported: " + attrs[0].name());
        }
        Lock l = writeLock();
        try {
            if (find(lp, false) != null) {
                throw new FileAlreadyExistsException(lp.toString());
            }
            Dentry parent = parentDir(lp);
            byte[] data = LinkTargets.toReparseData(t);
            Inode inode = new Inode();
            int attr = FileAttributes.REPARSE_POINT;
            WimPath resolved = t.startsWith("/") ? own(target) : lp.toAbsolutePath().getParent().resolve(t);
            Dentry to = find(resolved, true);
            if (to != null && isDirectory(to)) {
                attr |= FileAttributes.DIRECTORY;
            }
            inode.setAttributes(attr);
            // An absolute target is one inside the image: wimlib's "fixed" form.
            inode.setReparse(ReparsePoint.TAG_SYMLINK, 0, t.startsWith("/") ? 0 : ReparsePoint.RP_NOT_FIXED);
            long now = WimWriter.fileTimeNow();
            inode.setTimes(now, now, now);
            inode.streams().add(new StreamEntry(StreamEntry.Type.REPARSE, "", Sha1Hash.ZERO, data.length));
            if ((attr & FileAttributes.DIRECTORY) == 0) {
                inode.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
            }
            scratch.setReparse(inode, data);
            addChild(lp, parent, new Dentry(lastName(lp), inode));
        } finally {
            l.unlock();
        }
    }

    void copy(Path source, Path dest, CopyOption... copyOptions) throws IOException {
        WimPath src = own(source);
        WimPath dst = own(dest);
        List<CopyOption> opts = Arrays.asList(copyOptions);
        boolean replace = opts.contains(StandardCopyOption.REPLACE_EXISTING);
        boolean keepAttrs = opts.contains(StandardCopyOption.COPY_ATTRIBUTES);
        boolean follow = !opts.contains(LinkOption.NOFOLLOW_LINKS);
        Lock l = writeLock();
        try {
            Dentry s = get(src, follow);
            Dentry existing = find(dst, false);
            if (existing == s) {
                return;
            }
            if (existing != null) {
                if (!replace) {
                    throw new FileAlreadyExistsException(dst.toString());
                }
                if (!existing.children().isEmpty()) {
                    throw new DirectoryNotEmptyException(dst.toString());
                }
            }
            Dentry parent = parentDir(dst);
            if (existing != null) {
                unlink(existing);
            }
            Inode from = s.inode();
            Inode to = new Inode();
            long now = WimWriter.fileTimeNow();
            if (isDirectory(s)) {
                // As Files.copy does: a directory is copied empty.
                to.setAttributes(keepAttrs ? from.attributes() : FileAttributes.DIRECTORY);
            } else {
                to.setAttributes(keepAttrs ? from.attributes() : from.attributes() & (FileAttributes.NORMAL
                        | FileAttributes.REPARSE_POINT | FileAttributes.DIRECTORY | FileAttributes.READONLY
                        | FileAttributes.HIDDEN | FileAttributes.SYSTEM | FileAttributes.ARCHIVE));
                if (to.attributes() == 0) {
                    to.setAttributes(FileAttributes.NORMAL);
                }
                to.setReparse(from.reparseTag(), from.reparseReserved(), from.reparseFlags());
                // The data is shared by hash: nothing is read or written until commit, and then only new data.
                to.streams().addAll(from.streams());
                scratch.copy(from, to);
            }
            to.setSecurityId(from.securityId());
            if (keepAttrs) {
                to.setTimes(from.creationTime(), from.lastAccessTime(), from.lastWriteTime());
                to.taggedItems().addAll(from.taggedItems());
            } else {
                to.setTimes(now, now, isDirectory(s) ? now : from.lastWriteTime());
            }
            addChild(dst, parent, new Dentry(lastName(dst), to));
        } finally {
            l.unlock();
        }
    }

    void move(Path source, Path dest, CopyOption... copyOptions) throws IOException {
        WimPath src = own(source);
        WimPath dst = own(dest);
        boolean replace = Arrays.asList(copyOptions).contains(StandardCopyOption.REPLACE_EXISTING);
        Lock l = writeLock();
        try {
            Dentry s = get(src, false);
            if (s.isRoot()) {
                throw new FileSystemException(src.toString(), dst.toString(), "the root directory cannot be moved");
            }
            Dentry existing = find(dst, false);
            if (existing == s) {
                return;
            }
            Dentry parent = parentDir(dst);
            for (Dentry d = parent; d != null; d = d.parent()) {
                if (d == s) {
                    throw new FileSystemException(src.toString(), dst.toString(), "a directory cannot be moved into itself");
                }
            }
            if (existing != null) {
                if (!replace) {
                    throw new FileAlreadyExistsException(dst.toString());
                }
                if (!existing.children().isEmpty()) {
                    throw new DirectoryNotEmptyException(dst.toString());
                }
                unlink(existing);
            }
            s.moveTo(parent, lastName(dst));
            changed = true;
        } finally {
            l.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Attributes

    void setTimes(Path path, boolean follow, java.nio.file.attribute.FileTime lastModified,
                  java.nio.file.attribute.FileTime lastAccess, java.nio.file.attribute.FileTime create)
            throws IOException {
        Lock l = writeLock();
        try {
            Inode i = get(own(path), follow).inode();
            i.setTimes(create != null ? NodeAttributes.filetime(create) : i.creationTime(),
                    lastAccess != null ? NodeAttributes.filetime(lastAccess) : i.lastAccessTime(),
                    lastModified != null ? NodeAttributes.filetime(lastModified) : i.lastWriteTime());
            changed = true;
        } finally {
            l.unlock();
        }
    }

    /** Sets or clears the attribute bits {@code mask} (not DIRECTORY or REPARSE_POINT). */
    void setAttributeBits(Path path, boolean follow, int mask, boolean on) throws IOException {
        Lock l = writeLock();
        try {
            Inode i = get(own(path), follow).inode();
            setBits(i, on ? i.attributes() | mask : i.attributes() & ~mask);
        } finally {
            l.unlock();
        }
    }

    void setAllAttributes(Path path, boolean follow, int attributes) throws IOException {
        Lock l = writeLock();
        try {
            setBits(get(own(path), follow).inode(), attributes);
        } finally {
            l.unlock();
        }
    }

    private void setBits(Inode i, int wanted) {
        int fixed = FileAttributes.DIRECTORY | FileAttributes.REPARSE_POINT;
        int a = (wanted & ~fixed) | (i.attributes() & fixed);
        // NORMAL means "no other attribute" and goes with none.
        if ((a & ~FileAttributes.NORMAL) != 0) {
            a &= ~FileAttributes.NORMAL;
        } else if ((a & fixed) == 0) {
            a = FileAttributes.NORMAL;
        }
        i.setAttributes(a);
        changed = true;
    }

    void setShortName(Path path, boolean follow, String shortName) throws IOException {
        if (shortName != null && shortName.length() > 12) {
            throw new IllegalArgumentException("a short name has at most 12 characters (8.3)");
        }
        Lock l = writeLock();
        try {
            get(own(path), follow).setShortName(shortName);
            changed = true;
        } finally {
            l.unlock();
        }
    }

    void setSecurityId(Path path, boolean follow, int id) throws IOException {
        if (id < -1 || id >= tree.security().size()) {
            throw new IllegalArgumentException("security id " + id + " is not one of the image's "
                    + tree.security().size() + " descriptors");
        }
        Lock l = writeLock();
        try {
            get(own(path), follow).inode().setSecurityId(id);
            changed = true;
        } finally {
            l.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Named data streams (the "user" view)

    List<String> namedStreams(Path path, boolean follow) throws IOException {
        return attributes(path, follow).namedStreams();
    }

    long namedStreamSize(Path path, boolean follow, String name) throws IOException {
        Lock l = readLock();
        try {
            Inode i = get(own(path), follow).inode();
            ScratchArea.Data d = scratch.get(i, name);
            if (d != null) {
                return java.nio.file.Files.size(d.file());
            }
            StreamEntry s = namedStream(path, i, name);
            return Math.max(0, s.size());
        } finally {
            l.unlock();
        }
    }

    private static StreamEntry namedStream(Path path, Inode i, String name) throws NoSuchFileException {
        StreamEntry s = i.namedStream(name);
        if (s == null) {
            throw new NoSuchFileException(path + ":" + name, null, "no such named stream");
        }
        return s;
    }

    int readNamedStream(Path path, boolean follow, String name, ByteBuffer dst) throws IOException {
        SeekableByteChannel ch;
        Lock l = readLock();
        try {
            Inode i = get(own(path), follow).inode();
            namedStream(path, i, name);
            ch = readChannel(i, name);
        } finally {
            l.unlock();
        }
        try (ch) {
            if (ch.size() > dst.remaining()) {
                throw new IOException("named stream " + name + " of " + path + " has " + ch.size()
                        + " bytes, more than the buffer's " + dst.remaining());
            }
            int total = 0;
            for (int n; (n = ch.read(dst)) > 0; ) {
                total += n;
            }
            return total;
        }
    }

    int writeNamedStream(Path path, boolean follow, String name, ByteBuffer src) throws IOException {
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid stream name");
        }
        Lock l = writeLock();
        try {
            Dentry d = get(own(path), follow);
            try (SeekableByteChannel ch = writeChannel(d.inode(), name,
                    Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
                int n = 0;
                while (src.hasRemaining()) {
                    n += ch.write(src);
                }
                return n;
            }
        } finally {
            l.unlock();
        }
    }

    void deleteNamedStream(Path path, boolean follow, String name) throws IOException {
        Lock l = writeLock();
        try {
            Inode i = get(own(path), follow).inode();
            StreamEntry s = namedStream(path, i, name);
            i.streams().remove(s);
            scratch.forget(i, name);
            changed = true;
        } finally {
            l.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // For the extracted mount

    /**
     * Makes {@code path}'s unnamed data the content of the file {@code source} outside the file
     * system (creating {@code path} as a new file if needed), without copying it: the file is read
     * when the change is committed and must not change before.
     */
    public void importFile(Path path, Path source) throws IOException {
        WimPath p = own(path);
        Lock l = writeLock();
        try {
            Dentry d = find(p, false);
            if (d == null) {
                d = newFile(p);
            } else {
                checkNotDirectory(p, d);
            }
            ensureStreamEntry(d.inode(), "");
            scratch.adopt(d.inode(), "", source);
            changed = true;
        } finally {
            l.unlock();
        }
    }

    /** Deletes {@code path} and, for a directory, everything below it. */
    public void deleteTree(Path path) throws IOException {
        WimPath p = own(path);
        Lock l = writeLock();
        try {
            Dentry d = get(p, false);
            if (d.isRoot()) {
                throw new FileSystemException(p.toString(), null, "the root directory cannot be deleted");
            }
            deleteBelow(d);
        } finally {
            l.unlock();
        }
    }

    private void deleteBelow(Dentry d) throws IOException {
        for (Dentry c : new ArrayList<>(d.children())) {
            deleteBelow(c);
        }
        unlink(d);
    }

    Image image() {
        return image;
    }
}
