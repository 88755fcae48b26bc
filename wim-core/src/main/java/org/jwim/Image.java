package org.jwim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.MetadataReader;
import org.jwim.image.Dentry;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.ReparsePoint;
import org.jwim.image.SecurityData;
import org.jwim.image.StreamEntry;
import org.jwim.io.BlobChannel;
import org.jwim.io.BlobInputStream;
import org.jwim.io.ResourceReader;
import org.jwim.io.Sha1Digests;
import org.jwim.ops.Apply;
import org.jwim.ops.ApplyOptions;
import org.jwim.ops.ApplyResult;
import org.jwim.ops.ExtractPaths;

/**
 * One image of a WIM: its XML properties and, read on first use, its tree of files.
 * Thread-safe.
 */
public final class Image {
    /** Largest metadata resource read (Windows images have tens of MB). */
    public static final long MAX_METADATA_SIZE = 1L << 30;
    /** Largest reparse data Windows allows. */
    public static final int MAX_REPARSE_DATA = 16 * 1024;

    private final Wim wim;
    private final ImageInfo info;
    private volatile ImageTree tree;

    Image(Wim wim, ImageInfo info) {
        this.wim = wim;
        this.info = info;
    }

    public Wim wim() {
        return wim;
    }

    /** 1-based index. */
    public int index() {
        return info.index();
    }

    public ImageInfo info() {
        return info;
    }

    /** The blob of this image's metadata resource. */
    public BlobDescriptor metadataBlob() throws IOException {
        List<BlobDescriptor> md = wim.blobTable().metadata();
        if (wim.header().partNumber() != 1) {
            throw new WimFormatException(wim.path(), -1, "image metadata is in part 1 of the split set; open part 1");
        }
        if (index() > md.size()) {
            throw new WimFormatException(wim.path(), wim.header().blobTable().offset(), "no metadata resource for image "
                    + index() + " (the blob table has " + md.size() + ")");
        }
        return md.get(index() - 1);
    }

    /** The image's tree, read (and its SHA-1 checked) on first use. */
    public ImageTree tree() throws IOException {
        ImageTree t = tree;
        if (t == null) {
            synchronized (this) {
                t = tree;
                if (t == null) {
                    t = load();
                    tree = t;
                }
            }
        }
        return t;
    }

    private ImageTree load() throws IOException {
        BlobDescriptor b = metadataBlob();
        long at = b.resource().header().offset();
        if (b.size() > MAX_METADATA_SIZE || b.size() < 8) {
            throw new WimFormatException(wim.path(), at, "metadata resource of image " + index() + " has an implausible size "
                    + b.size());
        }
        byte[] md = readGrowing(b);
        byte[] actual = Sha1Digests.sha1(md, 0, md.length);
        if (!b.hash().matches(actual, 0)) {
            throw new WimFormatException(wim.path(), at, "metadata resource of image " + index()
                    + " is corrupt (its SHA-1 does not match)");
        }
        String where = "metadata resource of image " + index() + " (at file offset " + at + "), offset ";
        return MetadataReader.read((off, msg) -> new WimFormatException(wim.path(), at, where + off + ": " + msg),
                md, wim::blobSize);
    }

    /** Reads a blob, growing the buffer with the data so a lying size cannot force a huge allocation. */
    private static byte[] readGrowing(BlobDescriptor b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(b.size(), 1 << 20));
        byte[] buf = new byte[1 << 16];
        long pos = 0;
        while (pos < b.size()) {
            int n = (int) Math.min(buf.length, b.size() - pos);
            ResourceReader.read(b.resource(), b.offsetInResource() + pos, buf, 0, n);
            out.write(buf, 0, n);
            pos += n;
        }
        return out.toByteArray();
    }

    /** The root directory. */
    public Dentry root() throws IOException {
        return tree().root();
    }

    public SecurityData securityData() throws IOException {
        return tree().security();
    }

    /**
     * The dentry at {@code path} ('/' or '\' separated, absolute or relative to the root;
     * case-sensitive), or empty.
     */
    public Optional<Dentry> lookup(String path) throws IOException {
        Dentry d = root();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            d = d.child(part);
            if (d == null) {
                return Optional.empty();
            }
        }
        return Optional.of(d);
    }

    /** The dentry at {@code path}, or a {@link NoSuchFileException}. */
    public Dentry get(String path) throws IOException {
        return lookup(path).orElseThrow(() -> new NoSuchFileException(path, null, "no such file in image " + index()
                + " of " + wim.path()));
    }

    /** Every dentry in pre-order (a directory before its children, children in collation order). */
    public Stream<Dentry> walk() throws IOException {
        return walk(root());
    }

    /** Every dentry of the subtree at {@code from}, in pre-order. */
    public static Stream<Dentry> walk(Dentry from) {
        Iterator<Dentry> it = new Iterator<>() {
            private final Deque<Dentry> stack = new ArrayDeque<>(List.of(from));

            @Override
            public boolean hasNext() {
                return !stack.isEmpty();
            }

            @Override
            public Dentry next() {
                if (stack.isEmpty()) {
                    throw new NoSuchElementException();
                }
                Dentry d = stack.pop();
                List<Dentry> c = d.children();
                for (int i = c.size() - 1; i >= 0; i--) {
                    stack.push(c.get(i));
                }
                return d;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The unnamed data of the file at {@code path}, checked against its SHA-1 when read to the end. */
    public InputStream openStream(String path) throws IOException {
        return openStream(path, "");
    }

    /** The named stream {@code streamName} ("" for the unnamed data) of the file at {@code path}. */
    public InputStream openStream(String path, String streamName) throws IOException {
        return openStream(stream(get(path), streamName));
    }

    /** The data of {@code s}, checked against its SHA-1 when read to the end. */
    public InputStream openStream(StreamEntry s) throws IOException {
        if (s.isEmpty()) {
            return InputStream.nullInputStream();
        }
        BlobDescriptor b = wim.blob(s.hash());
        if (b == null) {
            throw wim.missingBlob(s.hash());
        }
        return new BlobInputStream(b, true);
    }

    /** A read-only seekable channel over the stream {@code streamName} of the file at {@code path}. */
    public SeekableByteChannel openChannel(String path, String streamName) throws IOException {
        StreamEntry s = stream(get(path), streamName);
        if (s.isEmpty()) {
            return new BlobChannel(null);
        }
        BlobDescriptor b = wim.blob(s.hash());
        if (b == null) {
            throw wim.missingBlob(s.hash());
        }
        return new BlobChannel(b);
    }

    private StreamEntry stream(Dentry d, String streamName) throws IOException {
        Inode inode = d.inode();
        StreamEntry s = streamName.isEmpty() ? inode.unnamedData() : inode.namedStream(streamName);
        if (s == null) {
            throw new NoSuchFileException(d.path() + (streamName.isEmpty() ? "" : ":" + streamName), null,
                    streamName.isEmpty() ? "has no data stream" : "has no such named stream");
        }
        return s;
    }

    /** The reparse data of a reparse point (without the 8-byte header), or null if it is none. */
    public byte[] reparseData(Inode inode) throws IOException {
        StreamEntry s = inode.reparseStream();
        if (s == null) {
            return null;
        }
        if (s.size() > MAX_REPARSE_DATA) {
            throw new WimFormatException(wim.path(), -1, "reparse data of " + s.size() + " bytes is larger than "
                    + MAX_REPARSE_DATA);
        }
        try (InputStream in = openStream(s)) {
            return in.readAllBytes();
        }
    }

    /** The decoded symlink or junction of {@code d}, or null if it is neither (or malformed). */
    public ReparsePoint reparsePoint(Dentry d) throws IOException {
        Inode inode = d.inode();
        if (!inode.isReparsePoint()) {
            return null;
        }
        byte[] data = reparseData(inode);
        return data == null ? null : ReparsePoint.decode(inode.reparseTag(), data);
    }

    /**
     * Applies this image to directory {@code target} (created when missing), as
     * {@code wimlib-imagex apply} does on Linux; see {@link Apply}.
     */
    public ApplyResult extractTo(Path target, ApplyOptions options) throws IOException {
        return Apply.image(this, target, options);
    }

    /**
     * Extracts the files and directory trees {@code paths} name (wildcards allowed) into
     * {@code dest}, as {@code wimlib-imagex extract} does; see {@link Apply#paths}.
     */
    public ApplyResult extract(List<String> paths, Path dest, ApplyOptions options) throws IOException {
        return Apply.paths(this, paths, dest, options, ExtractPaths.Matching.GLOB);
    }

    /** Names of every dentry, for callers that want a list. */
    public List<String> paths() throws IOException {
        List<String> l = new ArrayList<>();
        walk().forEach(d -> l.add(d.path()));
        return l;
    }

    @Override
    public String toString() {
        return info + " of " + wim.path();
    }
}
