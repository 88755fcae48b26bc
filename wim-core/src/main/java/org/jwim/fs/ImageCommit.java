package org.jwim.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jwim.Image;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.format.WimHeader;
import org.jwim.format.XmlElement;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.ops.WimOptimize;
import org.jwim.ops.WriteChoices;
import org.jwim.write.BlobSource;
import org.jwim.write.BytesBlobSource;
import org.jwim.write.FileBlobSource;
import org.jwim.write.ImageSlot;
import org.jwim.write.NewImage;
import org.jwim.write.PendingStream;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Commits the changed tree of a {@link WimFileSystem} to its WIM with the writer's in-place commit
 * ({@link WimWriter#commit}): the image's new blobs (only the changed streams, read from the
 * scratch area) and its new metadata resource go after the WIM's end, the blob table (the image's
 * metadata entry replaced, references recounted), the XML and the header last. The other images
 * and every unchanged blob are left where they are.
 */
final class ImageCommit {
    private ImageCommit() {
    }

    /** The WIM's header bytes, to notice another writer between opening and committing. */
    static byte[] headerBytes(Path wim) throws IOException {
        try (FileChannel ch = FileChannel.open(wim, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(WimHeader.SIZE);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read the whole header (or what there is)
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    /** Fails for the WIMs a commit in place cannot write. */
    static void checkWritable(Wim wim) throws IOException {
        WimHeader h = wim.header();
        if (h.totalParts() != 1) {
            throw new WimFormatException(wim.path(), 0x2A, "a part of a split WIM can only be opened read-only"
                    + " (readOnly=true, the other parts as refs)");
        }
        if (h.pipable()) {
            throw new WimFormatException(wim.path(), 0, "a pipable WIM can only be opened read-only;"
                    + " rewrite it with optimize --not-pipable to change it");
        }
        if (!Files.isWritable(wim.path())) {
            throw new java.nio.file.AccessDeniedException(wim.path().toString(), null,
                    "the WIM is not writable: open it with readOnly=true");
        }
    }

    static void commit(WimFileSystem fs, ImageTree tree, ScratchArea scratch, byte[] headerAtOpen) throws IOException {
        Path path = fs.wimPath();
        if (!Arrays.equals(headerBytes(path), headerAtOpen)) {
            throw new IOException(path + " was changed by another writer since the file system was opened;"
                    + " its changes were not committed");
        }
        WimFsOptions o = fs.options();
        Image image = fs.image();
        Wim wim = image.wim();
        List<PendingStream> pending = pendingStreams(scratch);
        ImageTree changed = new ImageTree(tree.root(), tree.security(), inodes(tree), tree.warnings());
        XmlElement xml = wim.xml().images().get(image.index() - 1).copy();
        List<ImageSlot> slots = new ArrayList<>();
        for (int i = 1; i <= wim.imageCount(); i++) {
            XmlElement x = wim.xml().images().get(i - 1);
            slots.add(i == image.index() && !o.asNewImage() ? new ImageSlot.Fresh(new NewImage(changed, pending, xml))
                    : new ImageSlot.Kept(i, x));
        }
        if (o.asNewImage()) {
            // As wimlib-imagex unmount --new-image: an unnamed image after the others.
            xml.children().removeIf(c -> c.name().equals("NAME"));
            slots.add(new ImageSlot.Fresh(new NewImage(changed, pending, xml)));
        }
        WimWriter.commit(path, slots, WriteOptions.defaults(), -1, o.check() ? Boolean.TRUE : null, !o.asNewImage(), 0,
                ProgressListener.NONE);
        if (o.commit() == WimFsOptions.CommitMode.REBUILD) {
            WimOptimize.optimize(path, WriteChoices.none(), false, ProgressListener.NONE);
        }
    }

    /** A source for every stream changed through the file system; empty ones get the zero hash and no source. */
    private static List<PendingStream> pendingStreams(ScratchArea scratch) throws IOException {
        List<PendingStream> pending = new ArrayList<>();
        for (Map.Entry<Inode, Map<String, ScratchArea.Data>> e : scratch.all().entrySet()) {
            Inode inode = e.getKey();
            if (inode.links().isEmpty()) {
                continue;
            }
            for (Map.Entry<String, ScratchArea.Data> s : e.getValue().entrySet()) {
                Path f = s.getValue().file();
                long size = Files.size(f);
                add(pending, inode, StreamEntry.Type.DATA, s.getKey(), new FileBlobSource(f, size));
            }
        }
        for (Map.Entry<Inode, byte[]> e : scratch.reparseData().entrySet()) {
            if (!e.getKey().links().isEmpty()) {
                add(pending, e.getKey(), StreamEntry.Type.REPARSE, "", new BytesBlobSource(e.getValue(), "link"));
            }
        }
        return pending;
    }

    private static void add(List<PendingStream> pending, Inode inode, StreamEntry.Type type, String name,
                            BlobSource source) {
        List<StreamEntry> streams = inode.streams();
        int index = -1;
        for (int i = 0; i < streams.size(); i++) {
            StreamEntry s = streams.get(i);
            if (s.type() == type && s.name().equals(name)) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            streams.add(new StreamEntry(type, name, Sha1Hash.ZERO, 0));
            index = streams.size() - 1;
        }
        // The writer fills in the hash; an empty stream has none and no blob.
        streams.set(index, new StreamEntry(type, name, Sha1Hash.ZERO, source.size()));
        if (source.size() > 0) {
            pending.add(new PendingStream(inode, index, source));
        }
    }

    /** Every inode still named in the tree, in tree order. */
    private static List<Inode> inodes(ImageTree tree) {
        Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Inode> l = new ArrayList<>();
        Image.walk(tree.root()).forEach(d -> {
            if (seen.add(d.inode())) {
                l.add(d.inode());
            }
        });
        return l;
    }
}
