package org.jwim.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.format.BlobTableWriter;
import org.jwim.format.IntegrityTable;
import org.jwim.format.MetadataWriter;
import org.jwim.format.PipableBlobHeader;
import org.jwim.format.ResourceHeader;
import org.jwim.format.WimHeader;
import org.jwim.format.XmlElement;
import org.jwim.format.XmlInfo;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.io.Sha1Digests;
import org.jwim.io.WimResource;

/**
 * Writes WIM files: a new WIM from images, or changes committed to an existing WIM.
 *
 * <p>A new WIM is written to a temporary file beside the target and renamed over it at the end, so
 * no half-written WIM ever has the target's name (this is also how a WIM is rebuilt). A commit to
 * an existing WIM follows wimlib's and DISM's append rule: new blobs, metadata, blob table, XML and
 * integrity table go after everything the old header points at, the file is forced to disk, and
 * only then is the header rewritten (and forced): a crash at any moment leaves the old header,
 * which still describes the old, intact WIM.
 *
 * <p>Blobs are deduplicated by SHA-1 against each other and against the WIM committed to. A file
 * whose size no other blob has cannot be a duplicate, so it is written straight away and hashed
 * while it is written; files sharing a size are hashed first. Blobs of other WIMs are copied
 * without recompression where the compression type and chunk size allow.
 */
public final class WimWriter {
    private final OutputFile out;
    private final WriteOptions options;
    private final ProgressListener progress;
    /** Blobs already in the WIM (commit) or written so far, by hash. */
    private final Map<Sha1Hash, Long> sizesByHash = new HashMap<>();
    private final Map<Long, Integer> sizeCounts = new HashMap<>();
    /** New non-solid blobs, in write order. */
    private final List<WrittenBlob> written = new ArrayList<>();
    /** Metadata resources written, in image order. */
    private final List<WrittenBlob> metadata = new ArrayList<>();
    private final List<SolidGroup> solid = new ArrayList<>();
    /** References gained by each blob (old or new) from the images written. */
    private final Map<Sha1Hash, Integer> newRefs = new HashMap<>();
    private boolean headerWritten;

    /**
     * A solid resource and the blobs of it the blob table lists.
     *
     * @param entry            the resource's own blob-table entry
     * @param uncompressedSize its real uncompressed size (from its solid header)
     * @param blobs            its blobs; their reshdr offsets count from the resource's start
     */
    private record SolidGroup(ResourceHeader entry, long uncompressedSize, List<WrittenBlob> blobs) {
    }

    private WimWriter(OutputFile out, WriteOptions options, ProgressListener progress) {
        this.out = out;
        this.options = options;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /**
     * Options for {@link #create}: header flags, the boot image, and what a rebuild keeps.
     *
     * @param rpFix      set the RP_FIX header flag
     * @param bootIndex  the bootable image (1-based), 0 for none
     * @param guid       the GUID (a rebuilt WIM keeps its own), or null for a new random one
     * @param xmlExtras  elements of the XML root besides TOTALBYTES and the images, kept from the
     *                   WIM being rebuilt
     */
    public record Target(boolean rpFix, int bootIndex, byte[] guid, List<XmlElement> xmlExtras) {
        public Target {
            xmlExtras = List.copyOf(xmlExtras);
        }

        public Target(boolean rpFix, int bootIndex) {
            this(rpFix, bootIndex, null, List.of());
        }

        public static Target defaults() {
            return new Target(true, 0);
        }
    }

    /**
     * Writes a new WIM at {@code target} holding {@code images} (replacing any file there, atomically).
     *
     * @throws UnsupportedOperationException if the compression asked for is not available
     */
    public static void create(Path target, List<NewImage> images, WriteOptions options, Target t,
                              ProgressListener progress) throws IOException {
        Path tmp = tempFileBeside(target);
        boolean ok = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.READ,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                WimWriter w = new WimWriter(new OutputFile(ch, WimHeader.SIZE), options, progress);
                if (options.pipable()) {
                    w.writePipable(ch, images, t);
                    ch.force(true);
                } else {
                    w.writeNormal(ch, images, t);
                }
            }
            move(tmp, target);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A new empty file in {@code target}'s directory, named after it, for writing before a rename.
     * It gets the permissions a new file gets (the umask's, not the owner-only ones of
     * {@code Files.createTempFile}), or those of {@code target} when that exists, so a rebuilt WIM
     * keeps them.
     */
    static Path tempFileBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0;; attempt++) {
            String random = Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
            Path tmp = dir.resolve("." + target.getFileName() + "." + random + ".jwim-tmp");
            try {
                Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            try {
                if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // The umask's permissions, then.
            }
            return tmp;
        }
    }

    private void writeNormal(FileChannel ch, List<NewImage> images, Target t) throws IOException {
        ch.write(ByteBuffer.allocate(WimHeader.SIZE), 0);
        List<XmlElement> xmlImages = writeImages(images, 1);
        XmlInfo xml = document(t.xmlExtras(), xmlImages);
        BlobTableWriter table = new BlobTableWriter();
        List<ResourceHeader> md = addWrittenEntries(table);
        ResourceHeader tableHdr = appendTable(table);
        HeaderFields hf = new HeaderFields(t.guid() != null ? t.guid() : randomGuid(),
                t.rpFix() ? WimHeader.FLAG_RP_FIX : 0, 1, 1, images.size(), t.bootIndex(), md, false);
        finish(ch, tableHdr, xml, null, options.integrity() ? Integrity.COMPUTE : Integrity.NONE, null, hf);
    }

    private static byte[] randomGuid() {
        byte[] guid = new byte[16];
        new SecureRandom().nextBytes(guid);
        return guid;
    }

    /** The XML document: the kept root elements, then the images. */
    private static XmlInfo document(List<XmlElement> extras, List<XmlElement> images) {
        XmlInfo xml = XmlInfo.empty();
        for (XmlElement e : extras) {
            if (!e.name().equals("IMAGE") && !e.name().equals("TOTALBYTES")) {
                xml.root().children().add(e.copy());
            }
        }
        xml.root().children().addAll(images);
        return xml;
    }

    /**
     * The pipable layout (a wimlib extension that can be written to and read from a pipe):
     * {@code header | XML copy | metadata | blobs | blob table | XML | [integrity] | header}, every
     * resource but the integrity table preceded by a 40-byte blob header, and the full header only
     * at the end. Metadata comes before the data, so every blob is hashed first.
     */
    private void writePipable(FileChannel ch, List<NewImage> images, Target t) throws IOException {
        byte[] guid = t.guid() != null ? t.guid() : randomGuid();
        CompressionType type = options.compression();
        int flags = (t.rpFix() ? WimHeader.FLAG_RP_FIX : 0)
                | (type == CompressionType.NONE ? 0 : WimHeader.FLAG_COMPRESSION | type.headerFlag());
        int version = type == CompressionType.LZMS ? WimHeader.VERSION_SOLID : WimHeader.VERSION_DEFAULT;
        int chunk = type == CompressionType.NONE ? 0 : options.chunkSize();
        WimHeader front = new WimHeader(true, version, flags, chunk, guid, 1, 1, images.size(), ResourceHeader.NONE,
                ResourceHeader.NONE, ResourceHeader.NONE, 0, ResourceHeader.NONE);
        out.writeAt(0, front.toBytes(), 0, WimHeader.SIZE);

        // Every hash first: the metadata that names them is written before the data.
        List<PendingStream> pending = new ArrayList<>();
        images.forEach(i -> pending.addAll(i.pending()));
        Map<Sha1Hash, PendingStream> toWrite = new LinkedHashMap<>();
        for (PendingStream p : pending) {
            Sha1Hash h = p.source().knownHash() != null ? p.source().knownHash() : hash(p.source());
            toWrite.putIfAbsent(h, p);
            setStream(p, h);
        }
        countReferences(images);
        List<XmlElement> xmlImages = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            xmlImages.add(imageXml(images.get(i), i + 1));
        }
        XmlInfo copy = document(t.xmlExtras(), new ArrayList<>());
        xmlImages.forEach(x -> copy.root().children().add(x.copy()));
        appendWithHeader(copy.toBytes(), ResourceHeader.FLAG_METADATA);

        try (BlobWriter bw = new BlobWriter(out, type, options.chunkSize(), options.level(), options.threads(),
                progress, true)) {
            int index = 0;
            for (NewImage img : images) {
                index++;
                WimBlobSource unchanged = img.unchangedMetadata();
                if (unchanged != null) {
                    writeOrCopy(bw, unchanged, ResourceHeader.FLAG_METADATA, metadata::add);
                } else {
                    byte[] md = MetadataWriter.write(img.tree());
                    bw.write(new BytesBlobSource(md, "metadata of image " + index),
                            Sha1Hash.of(Sha1Digests.sha1(md, 0, md.length)), ResourceHeader.FLAG_METADATA,
                            metadata::add);
                }
            }
            for (Map.Entry<Sha1Hash, PendingStream> e : toWrite.entrySet()) {
                BlobSource src = e.getValue().source();
                if (src instanceof WimBlobSource w) {
                    writeOrCopy(bw, w, 0, written::add);
                } else {
                    bw.write(src, e.getKey(), 0, written::add);
                }
            }
            bw.finish();
        }
        BlobTableWriter table = new BlobTableWriter();
        List<ResourceHeader> md = addWrittenEntries(table);
        byte[] tb = table.toBytes();
        ResourceHeader tableHdr = appendWithHeader(tb, ResourceHeader.FLAG_METADATA);

        XmlInfo xml = document(t.xmlExtras(), xmlImages);
        long xmlAt = out.position() + PipableBlobHeader.SIZE;
        xml.root().children().add(textElement("TOTALBYTES", Long.toString(xmlAt)));
        ResourceHeader xmlHdr = appendWithHeader(xml.toBytes(), ResourceHeader.FLAG_METADATA);

        ResourceHeader integrityHdr = ResourceHeader.NONE;
        if (options.integrity()) {
            integrityHdr = appendIntegrity(integrityTable(ch, tableHdr.end()));
        }
        ResourceHeader boot = t.bootIndex() > 0 && t.bootIndex() <= md.size() ? md.get(t.bootIndex() - 1)
                : ResourceHeader.NONE;
        WimHeader full = new WimHeader(true, version, flags, chunk, guid, 1, 1, images.size(), tableHdr, xmlHdr, boot,
                boot.isEmpty() ? 0 : t.bootIndex(), integrityHdr);
        byte[] hb = full.toBytes();
        out.append(hb, 0, hb.length);
        ch.truncate(out.position());
    }

    /** Copies a blob of a WIM without recompression when the settings allow, else writes it. */
    private void writeOrCopy(BlobWriter bw, WimBlobSource src, int flags, Consumer<WrittenBlob> done)
            throws IOException {
        if (!options.recompress() && bw.canCopyRaw(src)) {
            bw.copyRaw(src, flags, done);
        } else {
            bw.write(src, src.knownHash(), flags, done);
        }
    }

    /** Appends a 40-byte pipable blob header and then {@code data} stored raw; returns its resource header. */
    private ResourceHeader appendWithHeader(byte[] data, int flags) throws IOException {
        byte[] h = PipableBlobHeader.of(data.length, Sha1Hash.of(Sha1Digests.sha1(data, 0, data.length)), flags);
        out.append(h, 0, h.length);
        long at = out.position();
        out.append(data, 0, data.length);
        return new ResourceHeader(data.length, flags, at, data.length);
    }

    static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Appends {@code images} to the WIM at {@code path}, keeping its compression type and chunk size.
     *
     * @param bootIndex new boot index, or -1 to keep the old one
     * @param integrity write an integrity table (null: keep one if the WIM has one)
     */
    public static void append(Path path, List<NewImage> images, WriteOptions requested, int bootIndex,
                              Boolean integrity, ProgressListener progress) throws IOException {
        int count;
        List<XmlElement> xml;
        try (Wim old = Wim.open(path)) {
            count = old.imageCount();
            xml = old.xml().images();
        }
        List<ImageSlot> slots = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            slots.add(new ImageSlot.Kept(i, xml.get(i - 1)));
        }
        images.forEach(i -> slots.add(new ImageSlot.Fresh(i)));
        commit(path, slots, requested, bootIndex, integrity, false, 0, progress);
    }

    /**
     * Commits a new list of images to the WIM at {@code path} in append mode, keeping its
     * compression type and chunk size: the blobs and metadata of the fresh images go after
     * everything the old header points at, then a new blob table (old entries kept, metadata
     * entries in the new image order), the XML and the integrity table, and the header last. When only XML,
     * boot index or integrity table change, the blob table is not rewritten at all.
     *
     * @param images     the images the WIM will hold, in order
     * @param bootIndex  new boot index (0 for none), or -1 to keep the boot image (wherever it moves;
     *                   none if it is gone)
     * @param integrity  write an integrity table (null: keep one if the WIM has one)
     * @param recount    count every blob's references anew from all the images (needed when
     *                   references are removed: an image deleted or changed); otherwise the stored
     *                   counts grow by the fresh images' references. Entries of blobs left without
     *                   references stay (count 0), as wimlib keeps them
     * @param extraFlags header flags to set besides the old ones (RP_FIX, say)
     */
    public static void commit(Path path, List<ImageSlot> images, WriteOptions requested, int bootIndex,
                              Boolean integrity, boolean recount, int extraFlags, ProgressListener progress)
            throws IOException {
        try (Wim old = Wim.open(path)) {
            WimHeader h = old.header();
            if (h.totalParts() != 1) {
                throw new WimFormatException(path, 0x2A, "cannot modify a part of a split WIM; join it first");
            }
            if (h.pipable()) {
                throw new WimFormatException(path, 0, "a pipable WIM cannot be modified in place; rebuild it instead");
            }
            BlobTable table = old.blobTable();
            List<BlobDescriptor> oldMeta = table.metadata();
            int[] newIndexOfOld = new int[h.imageCount() + 1];
            List<NewImage> fresh = new ArrayList<>();
            List<Integer> freshIndexes = new ArrayList<>();
            boolean sameImages = images.size() == h.imageCount();
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i) instanceof ImageSlot.Kept k) {
                    if (k.oldIndex() < 1 || k.oldIndex() > oldMeta.size() || newIndexOfOld[k.oldIndex()] != 0) {
                        throw new IllegalArgumentException("image " + k.oldIndex() + " cannot be kept");
                    }
                    newIndexOfOld[k.oldIndex()] = i + 1;
                    sameImages &= k.oldIndex() == i + 1;
                } else {
                    fresh.add(((ImageSlot.Fresh) images.get(i)).image());
                    freshIndexes.add(i + 1);
                    sameImages = false;
                }
            }
            int boot = bootIndex >= 0 ? bootIndex : h.bootIndex() > 0 ? newIndexOfOld[h.bootIndex()] : 0;
            Map<Sha1Hash, Integer> counts = new HashMap<>();
            if (recount) {
                for (ImageSlot s : images) {
                    if (s instanceof ImageSlot.Kept k) {
                        countReferences(old.image(k.oldIndex()).tree(), counts);
                    }
                }
            } else {
                for (BlobDescriptor b : table.blobs()) {
                    counts.put(b.hash(), b.refCount());
                }
            }
            long oldEnd = Math.max(h.blobTable().end(), Math.max(h.xmlData().end(), h.integrityTable().end()));
            for (BlobDescriptor b : table.blobs()) {
                oldEnd = Math.max(oldEnd, b.resource().header().end());
            }
            WriteOptions options = requested.withCompression(h.compressionType(),
                    h.compressionType() == CompressionType.NONE ? 0 : h.chunkSize());
            boolean hadIntegrity = !h.integrityTable().isEmpty() && h.integrityTable().offset() != 0;
            boolean withIntegrity = integrity != null ? integrity : hadIntegrity;
            XmlInfo xml = document(old.xml().root().children(), new ArrayList<>());

            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                WimWriter w = new WimWriter(new OutputFile(ch, oldEnd), options.withIntegrity(withIntegrity), progress);
                boolean ok = false;
                try {
                    List<XmlElement> freshXml = new ArrayList<>();
                    if (!fresh.isEmpty()) {
                        for (BlobDescriptor b : table.blobs()) {
                            if (!b.isMetadata()) {
                                w.known(b.hash(), b.size());
                            }
                        }
                        freshXml = w.writeImages(fresh, freshIndexes);
                    }
                    List<ResourceHeader> md = new ArrayList<>();
                    ResourceHeader tableHdr;
                    BlobTableWriter t = new BlobTableWriter();
                    int next = 0;
                    for (int i = 0; i < images.size(); i++) {
                        XmlElement x;
                        if (images.get(i) instanceof ImageSlot.Kept k) {
                            BlobDescriptor m = oldMeta.get(k.oldIndex() - 1);
                            t.add(m.tableEntry(), 1, 1, m.hash());
                            md.add(m.tableEntry());
                            x = k.xml().copy();
                            x.attributes().put("INDEX", Integer.toString(i + 1));
                        } else {
                            WrittenBlob m = w.metadata.get(next);
                            t.add(m.reshdr(), 1, 1, m.hash());
                            md.add(m.reshdr());
                            x = freshXml.get(next++);
                        }
                        xml.root().children().add(x);
                    }
                    byte[] oldIntegrity = null;
                    if (sameImages && !recount) {
                        // Only XML, boot index or integrity change: the blob table stays as it is.
                        tableHdr = h.blobTable();
                        if (withIntegrity && hadIntegrity) {
                            oldIntegrity = stillValidIntegrity(old, tableHdr);
                        }
                    } else {
                        ToIntFunction<Sha1Hash> refs = x -> counts.getOrDefault(x, 0) + w.newRefs.getOrDefault(x, 0);
                        List<SolidGroup> oldSolid = w.addOldEntries(t, table, refs);
                        w.addNewEntries(t, refs, oldSolid);
                        tableHdr = w.appendTable(t);
                    }
                    HeaderFields hf = new HeaderFields(h.guid(), (h.flags() & ~WimHeader.FLAG_WRITE_IN_PROGRESS) | extraFlags,
                            1, 1, images.size(), boot, md, h.version() == WimHeader.VERSION_SOLID);
                    Integrity mode = !withIntegrity ? Integrity.NONE : oldIntegrity != null ? Integrity.COPY
                            : Integrity.COMPUTE;
                    w.finish(ch, tableHdr, xml, null, mode, oldIntegrity, hf);
                    ok = true;
                } finally {
                    if (!ok && !w.headerWritten) {
                        // The old header still rules: drop what was appended.
                        try {
                            ch.truncate(oldEnd);
                        } catch (IOException e) {
                            // keep the first failure
                        }
                    }
                }
            }
        }
    }

    /**
     * The bytes of {@code old}'s integrity table if it covers the file up to the end of
     * {@code tableHdr} as a new one would, else null.
     */
    private static byte[] stillValidIntegrity(Wim old, ResourceHeader tableHdr) {
        try {
            IntegrityTable t = old.integrityTable();
            if (t == null) {
                return null;
            }
            long covered = tableHdr.end() - WimHeader.SIZE;
            return (covered + t.chunkSize() - 1) / t.chunkSize() == t.count() ? t.toBytes() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What one part of a split set holds.
     *
     * @param partNumber 1-based
     * @param blobs      the file blobs it holds, in write order
     * @param metadata   the images' metadata resources (part 1 only, else empty), in image order
     */
    public record Part(int partNumber, List<WimBlobSource> blobs, List<WimBlobSource> metadata) {
    }

    /**
     * Writes one part of a split set made from {@code src} at {@code target} (beside it, then
     * renamed into place), as wimlib lays it out: header, blobs, metadata resources, blob table
     * listing only this part's blobs (with its part number), the whole XML (TOTALBYTES as the
     * source has it), the optional integrity table. Every part has the same GUID, the SPANNED flag
     * and boot index 0. Resources are copied as they are.
     */
    public static void createPart(Path target, Wim src, Part part, int totalParts, byte[] guid, boolean integrity,
                                  ProgressListener progress) throws IOException {
        WimHeader sh = src.header();
        CompressionType type = sh.compressionType();
        WriteOptions options = WriteOptions.defaults().withCompression(type, type == CompressionType.NONE ? 0
                : sh.chunkSize()).withIntegrity(integrity).withThreads(1);
        Map<Sha1Hash, Integer> refCounts = new HashMap<>();
        for (WimBlobSource b : part.blobs()) {
            refCounts.put(b.blob().hash(), b.blob().refCount());
        }
        Path tmp = tempFileBeside(target);
        boolean ok = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.READ,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.allocate(WimHeader.SIZE), 0);
                WimWriter w = new WimWriter(new OutputFile(ch, WimHeader.SIZE), options, progress);
                try (BlobWriter bw = w.newBlobWriter()) {
                    for (WimBlobSource b : part.blobs()) {
                        w.copyOnly(bw, b, 0, w.written::add);
                    }
                    for (WimBlobSource m : part.metadata()) {
                        w.copyOnly(bw, m, ResourceHeader.FLAG_METADATA, w.metadata::add);
                    }
                    bw.finish();
                }
                BlobTableWriter table = new BlobTableWriter();
                List<ResourceHeader> md = new ArrayList<>();
                for (WrittenBlob m : w.metadata) {
                    table.add(m.reshdr(), part.partNumber(), 1, m.hash());
                    md.add(m.reshdr());
                }
                for (WrittenBlob b : w.written) {
                    table.add(b.reshdr(), part.partNumber(), Math.max(1, refCounts.get(b.hash())), b.hash());
                }
                ResourceHeader tableHdr = w.appendTable(table);
                XmlInfo xml = document(src.xml().root().children(), new ArrayList<>());
                for (XmlElement e : src.xml().images()) {
                    xml.root().children().add(e.copy());
                }
                HeaderFields hf = new HeaderFields(guid, sh.flags() & ~WimHeader.FLAG_WRITE_IN_PROGRESS,
                        part.partNumber(), totalParts, sh.imageCount(), 0, md, sh.version() == WimHeader.VERSION_SOLID);
                w.finish(ch, tableHdr, xml, src.totalBytes(), integrity ? Integrity.COMPUTE : Integrity.NONE, null, hf);
            }
            move(tmp, target);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Copies a blob as it is; a split set's parts never get recompressed data. */
    private void copyOnly(BlobWriter bw, WimBlobSource src, int flags, Consumer<WrittenBlob> done) throws IOException {
        if (!bw.canCopyRaw(src)) {
            throw new WimFormatException(src.blob().resource().part().path(), src.blob().resource().header().offset(),
                    "blob " + src.blob().hash() + " cannot be copied into a split part as it is (a solid resource?)");
        }
        bw.copyRaw(src, flags, done);
    }

    private void known(Sha1Hash hash, long size) {
        if (sizesByHash.putIfAbsent(hash, size) == null) {
            sizeCounts.merge(size, 1, Integer::sum);
        }
    }

    /** Writes the blobs and metadata of {@code images}, numbered from {@code first}; returns their XML elements. */
    private List<XmlElement> writeImages(List<NewImage> images, int first) throws IOException {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            indexes.add(first + i);
        }
        return writeImages(images, indexes);
    }

    /** Writes the blobs and metadata of {@code images}, whose indexes will be {@code indexes}; returns their XML elements. */
    private List<XmlElement> writeImages(List<NewImage> images, List<Integer> indexes) throws IOException {
        writeBlobs(images);
        List<XmlElement> xmlImages = new ArrayList<>();
        try (BlobWriter bw = newBlobWriter()) {
            for (int i = 0; i < images.size(); i++) {
                NewImage img = images.get(i);
                int index = indexes.get(i);
                if (img.unchangedMetadata() != null) {
                    writeOrCopy(bw, img.unchangedMetadata(), ResourceHeader.FLAG_METADATA, metadata::add);
                } else {
                    byte[] md = MetadataWriter.write(img.tree());
                    bw.write(new BytesBlobSource(md, "metadata of image " + index), ResourceHeader.FLAG_METADATA,
                            metadata::add);
                }
                xmlImages.add(imageXml(img, index));
            }
            bw.finish();
        }
        return xmlImages;
    }

    private BlobWriter newBlobWriter() {
        return new BlobWriter(out, options.compression(), options.chunkSize(), options.level(), options.threads(),
                progress);
    }

    /** Writes the data of every pending stream not already present, and fills in the streams' hashes. */
    private void writeBlobs(List<NewImage> images) throws IOException {
        List<PendingStream> pending = new ArrayList<>();
        for (NewImage img : images) {
            pending.addAll(img.pending());
        }
        Map<Long, Integer> newSizes = new HashMap<>();
        for (PendingStream p : pending) {
            if (p.source().knownHash() == null) {
                newSizes.merge(p.source().size(), 1, Integer::sum);
            }
        }
        // Hash what might be a duplicate; what cannot be is hashed while written.
        Map<PendingStream, Sha1Hash> hashes = new IdentityHashMap<>();
        for (PendingStream p : pending) {
            Sha1Hash h = p.source().knownHash();
            long size = p.source().size();
            if (h == null && (newSizes.get(size) > 1 || sizeCounts.containsKey(size))) {
                h = hash(p.source());
            }
            hashes.put(p, h);
        }
        // Decide what to write: the first source of each new hash, and every unhashed source.
        List<PendingStream> toWrite = new ArrayList<>();
        Map<Sha1Hash, PendingStream> firstByHash = new HashMap<>();
        for (PendingStream p : pending) {
            Sha1Hash h = hashes.get(p);
            if (h == null) {
                toWrite.add(p);
            } else if (!sizesByHash.containsKey(h) && !firstByHash.containsKey(h)) {
                firstByHash.put(h, p);
                toWrite.add(p);
            }
        }
        Map<PendingStream, WrittenBlob> results = new IdentityHashMap<>();
        if (options.solid()) {
            writeSolid(toWrite, results);
        } else {
            try (BlobWriter bw = newBlobWriter()) {
                for (PendingStream p : toWrite) {
                    Consumer<WrittenBlob> done = wb -> {
                        results.put(p, wb);
                        written.add(wb);
                    };
                    if (p.source() instanceof WimBlobSource w) {
                        writeOrCopy(bw, w, 0, done);
                    } else {
                        bw.write(p.source(), 0, done);
                    }
                }
                bw.finish();
            }
        }
        for (WrittenBlob wb : results.values()) {
            known(wb.hash(), wb.size());
        }
        // Point every stream at its blob.
        for (PendingStream p : pending) {
            WrittenBlob wb = results.get(p);
            setStream(p, wb != null ? wb.hash() : hashes.get(p));
        }
        countReferences(images);
    }

    private static void setStream(PendingStream p, Sha1Hash h) {
        Inode inode = p.inode();
        StreamEntry old = inode.streams().get(p.streamIndex());
        inode.streams().set(p.streamIndex(), new StreamEntry(old.type(), old.name(), h, p.source().size()));
    }

    /** Reference counts as wimlib keeps them: each stream of an inode counts once per name of the inode. */
    private void countReferences(List<NewImage> images) {
        for (NewImage img : images) {
            countReferences(img.tree(), newRefs);
        }
    }

    private static void countReferences(ImageTree tree, Map<Sha1Hash, Integer> into) {
        for (Inode inode : tree.inodes()) {
            for (StreamEntry s : inode.streams()) {
                if (!s.hash().isZero() && !inode.links().isEmpty()) {
                    into.merge(s.hash(), inode.links().size(), Integer::sum);
                }
            }
        }
    }

    private void writeSolid(List<PendingStream> toWrite, Map<PendingStream, WrittenBlob> results) throws IOException {
        List<PendingStream> rest = copySolidResources(toWrite, results);
        if (rest.isEmpty()) {
            return;
        }
        // Like files together compress better: order by extension, then name, as wimlib does.
        List<PendingStream> order = new ArrayList<>(rest);
        order.sort(Comparator.comparing((PendingStream p) -> extension(p.source().describe()))
                .thenComparing(p -> p.source().describe()));
        long total = 0;
        for (PendingStream p : order) {
            total += p.source().size();
        }
        try (SolidBlobWriter sw = new SolidBlobWriter(out, options.solidCompression(), options.solidChunkSize(),
                options.level(), options.threads(), total, progress)) {
            List<WrittenBlob> blobs = new ArrayList<>();
            for (PendingStream p : order) {
                WrittenBlob wb = sw.add(p.source());
                results.put(p, wb);
                blobs.add(wb);
            }
            ResourceHeader entry = sw.finish();
            solid.add(new SolidGroup(entry, total, blobs));
        }
    }

    /**
     * Copies as they are the solid resources of other WIMs made with this writer's solid settings
     * of which more than two thirds of the data is wanted (wimlib's rule: less would carry too much
     * dead data); returns the sources still to write.
     */
    private List<PendingStream> copySolidResources(List<PendingStream> toWrite, Map<PendingStream, WrittenBlob> results)
            throws IOException {
        Map<WimResource, List<PendingStream>> byResource = new IdentityHashMap<>();
        List<WimResource> order = new ArrayList<>();
        for (PendingStream p : toWrite) {
            if (!options.recompress() && p.source() instanceof WimBlobSource w && w.blob().isInSolidResource()) {
                WimResource r = w.blob().resource();
                if (r.compressionType() == options.solidCompression() && r.chunkSize() == options.solidChunkSize()) {
                    if (!byResource.containsKey(r)) {
                        order.add(r);
                    }
                    byResource.computeIfAbsent(r, k -> new ArrayList<>()).add(p);
                }
            }
        }
        List<PendingStream> rest = new ArrayList<>(toWrite);
        for (WimResource r : order) {
            List<PendingStream> wanted = byResource.get(r);
            long bytes = 0;
            for (PendingStream p : wanted) {
                bytes += p.source().size();
            }
            if (bytes * 3 <= r.uncompressedSize() * 2) {
                continue;
            }
            ResourceHeader old = r.header();
            long start = out.position();
            out.transferFrom(r.part(), old.offset(), old.sizeInWim());
            progress.bytesWritten(old.sizeInWim());
            List<WrittenBlob> blobs = new ArrayList<>();
            for (PendingStream p : wanted) {
                BlobDescriptor b = ((WimBlobSource) p.source()).blob();
                WrittenBlob wb = new WrittenBlob(b.hash(), b.size(),
                        new ResourceHeader(b.size(), ResourceHeader.FLAG_SOLID, b.offsetInResource(), 0));
                blobs.add(wb);
                results.put(p, wb);
            }
            solid.add(new SolidGroup(new ResourceHeader(old.sizeInWim(), ResourceHeader.FLAG_SOLID, start,
                    ResourceHeader.SOLID_RESOURCE_MAGIC_SIZE), r.uncompressedSize(), blobs));
            rest.removeAll(wanted);
        }
        return rest;
    }

    private static String extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }

    private Sha1Hash hash(BlobSource source) throws IOException {
        MessageDigest md = Sha1Digests.newDigest();
        byte[] buf = new byte[1 << 20];
        long total = 0;
        try (var in = source.open()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
            }
        }
        if (total != source.size()) {
            throw new IOException(source.describe() + " has " + total + " bytes, not the " + source.size()
                    + " it had when scanned (it changed during the capture)");
        }
        return Sha1Hash.of(md.digest());
    }

    private XmlElement imageXml(NewImage img, int index) {
        XmlElement x = img.xml() == null ? new XmlElement("IMAGE") : img.xml().copy();
        x.attributes().put("INDEX", Integer.toString(index));
        if (img.unchangedMetadata() != null) {
            return x;
        }
        ImageStats s = ImageStats.of(img.tree());
        long now = fileTimeNow();
        String name = x.findText("NAME");
        XmlElement created = x.child("CREATIONTIME");
        List<XmlElement> rest = new ArrayList<>(x.children());
        rest.removeIf(c -> List.of("NAME", "DIRCOUNT", "FILECOUNT", "TOTALBYTES", "HARDLINKBYTES", "CREATIONTIME",
                "LASTMODIFICATIONTIME").contains(c.name()));
        x.children().clear();
        if (name != null) {
            x.children().add(textElement("NAME", name));
        }
        x.children().add(textElement("DIRCOUNT", Long.toString(s.dirCount())));
        x.children().add(textElement("FILECOUNT", Long.toString(s.fileCount())));
        x.children().add(textElement("TOTALBYTES", Long.toString(s.totalBytes())));
        x.children().add(textElement("HARDLINKBYTES", Long.toString(s.hardLinkBytes())));
        x.children().add(created != null ? created : timeElement("CREATIONTIME", now));
        x.children().add(timeElement("LASTMODIFICATIONTIME", now));
        x.children().addAll(rest);
        return x;
    }

    static XmlElement textElement(String name, String text) {
        XmlElement e = new XmlElement(name);
        e.setText(text);
        return e;
    }

    /** A FILETIME as the XML stores it: HIGHPART and LOWPART, "0x" and 8 upper-case hex digits each. */
    public static XmlElement timeElement(String name, long fileTime) {
        XmlElement e = new XmlElement(name);
        e.children().add(textElement("HIGHPART", String.format("0x%08X", fileTime >>> 32)));
        e.children().add(textElement("LOWPART", String.format("0x%08X", fileTime & 0xFFFFFFFFL)));
        return e;
    }

    /** The current time as a FILETIME. */
    public static long fileTimeNow() {
        java.time.Instant now = java.time.Instant.now();
        return (now.getEpochSecond() + 11644473600L) * 10_000_000L + now.getNano() / 100;
    }

    /**
     * Adds the non-metadata entries of the old blob table {@code old} (solid ones returned as groups,
     * to go into the one solid run of the new table). Blobs no image references any more keep their
     * entries, with reference count 0, as wimlib leaves them: their data stays in the file until a
     * rebuild, and a later write may use them again.
     */
    private List<SolidGroup> addOldEntries(BlobTableWriter table, BlobTable old, ToIntFunction<Sha1Hash> refs) {
        Map<WimResource, List<WrittenBlob>> solidBlobs = new LinkedHashMap<>();
        for (BlobDescriptor b : old.blobs()) {
            if (b.isMetadata()) {
                continue;
            }
            if (b.isInSolidResource()) {
                solidBlobs.computeIfAbsent(b.resource(), r -> new ArrayList<>()).add(new WrittenBlob(b.hash(), b.size(),
                        new ResourceHeader(b.size(), ResourceHeader.FLAG_SOLID, b.offsetInResource(), 0)));
            } else {
                table.add(b.tableEntry(), 1, refs.applyAsInt(b.hash()), b.hash());
            }
        }
        List<SolidGroup> groups = new ArrayList<>();
        for (Map.Entry<WimResource, List<WrittenBlob>> e : solidBlobs.entrySet()) {
            WimResource r = e.getKey();
            groups.add(new SolidGroup(r.header(), r.uncompressedSize(), e.getValue()));
        }
        return groups;
    }

    /**
     * Adds the new non-solid blobs, then one solid run: {@code oldSolid} and the new solid
     * resources, each resource entry before its blobs, whose offsets count from the start of the
     * run's first resource (as WIMGAPI and wimlib read a run).
     */
    private void addNewEntries(BlobTableWriter table, ToIntFunction<Sha1Hash> refs, List<SolidGroup> oldSolid) {
        for (WrittenBlob b : written) {
            table.add(b.reshdr(), 1, refs.applyAsInt(b.hash()), b.hash());
        }
        List<SolidGroup> groups = new ArrayList<>(oldSolid);
        groups.addAll(solid);
        long base = 0;
        for (SolidGroup g : groups) {
            table.add(g.entry(), 1, 1, Sha1Hash.ZERO);
            for (WrittenBlob b : g.blobs()) {
                ResourceHeader r = b.reshdr();
                table.add(new ResourceHeader(r.sizeInWim(), ResourceHeader.FLAG_SOLID, base + r.offset(), 0), 1,
                        refs.applyAsInt(b.hash()), b.hash());
            }
            base += g.uncompressedSize();
        }
    }

    /** Adds the entries of everything written: metadata (in image order), then the blobs; returns the metadata's headers. */
    private List<ResourceHeader> addWrittenEntries(BlobTableWriter table) {
        List<ResourceHeader> md = new ArrayList<>();
        for (WrittenBlob m : metadata) {
            table.add(m.reshdr(), 1, 1, m.hash());
            md.add(m.reshdr());
        }
        addNewEntries(table, h -> newRefs.getOrDefault(h, 1), List.of());
        return md;
    }

    private ResourceHeader appendTable(BlobTableWriter table) throws IOException {
        byte[] t = table.toBytes();
        long at = out.position();
        out.append(t, 0, t.length);
        return new ResourceHeader(t.length, ResourceHeader.FLAG_METADATA, at, t.length);
    }

    /** How the integrity table of the file being finished comes about. */
    private enum Integrity { NONE, COMPUTE, COPY }

    /**
     * What the header says besides where things are.
     *
     * @param metadata     the metadata resources in image order (for the boot image's copy)
     * @param solidVersion use the solid version number whatever is written
     */
    private record HeaderFields(byte[] guid, int baseFlags, int partNumber, int totalParts, int imageCount,
                                int bootIndex, List<ResourceHeader> metadata, boolean solidVersion) {
    }

    /**
     * Writes the XML and integrity table after what is written, then the header (everything else
     * forced to disk before it), and cuts the file after the last byte written.
     *
     * @param tableHdr   the blob table (already written)
     * @param totalBytes the XML's TOTALBYTES, or null for the XML's own offset (what wimlib writes)
     */
    private void finish(FileChannel ch, ResourceHeader tableHdr, XmlInfo xml, Long totalBytes, Integrity integrity,
                        byte[] oldIntegrity, HeaderFields f) throws IOException {
        long xmlAt = out.position();
        XmlElement total = xml.root().child("TOTALBYTES");
        xml.root().children().remove(total);
        xml.root().children().add(textElement("TOTALBYTES", Long.toString(totalBytes != null ? totalBytes : xmlAt)));
        byte[] x = xml.toBytes();
        out.append(x, 0, x.length);
        ResourceHeader xmlHdr = new ResourceHeader(x.length, ResourceHeader.FLAG_METADATA, xmlAt, x.length);

        ResourceHeader integrityHdr = switch (integrity) {
            case NONE -> ResourceHeader.NONE;
            case COMPUTE -> appendIntegrity(integrityTable(ch, tableHdr.end()));
            case COPY -> appendIntegrity(oldIntegrity);
        };
        long end = out.position();

        CompressionType type = options.compression();
        int flags = f.baseFlags() & ~(WimHeader.FLAG_COMPRESSION | WimHeader.FLAG_COMPRESS_XPRESS
                | WimHeader.FLAG_COMPRESS_LZX | WimHeader.FLAG_COMPRESS_LZMS | WimHeader.FLAG_COMPRESS_XPRESS_2
                | WimHeader.FLAG_SPANNED);
        if (type != CompressionType.NONE) {
            flags |= WimHeader.FLAG_COMPRESSION | type.headerFlag();
        }
        if (f.totalParts() > 1) {
            flags |= WimHeader.FLAG_SPANNED;
        }
        boolean solidVersion = type == CompressionType.LZMS || !solid.isEmpty() || f.solidVersion();
        int boot = f.bootIndex() >= 1 && f.bootIndex() <= f.metadata().size() ? f.bootIndex() : 0;
        ResourceHeader bootHdr = boot == 0 ? ResourceHeader.NONE : f.metadata().get(boot - 1);
        WimHeader h = new WimHeader(false, solidVersion ? WimHeader.VERSION_SOLID : WimHeader.VERSION_DEFAULT, flags,
                type == CompressionType.NONE ? 0 : options.chunkSize(), f.guid(), f.partNumber(), f.totalParts(),
                f.imageCount(), tableHdr, xmlHdr, bootHdr, boot, integrityHdr);
        // Everything the new header points at must be on disk before the header is.
        ch.force(true);
        out.writeAt(0, h.toBytes(), 0, WimHeader.SIZE);
        headerWritten = true;
        ch.force(true);
        ch.truncate(end);
    }

    private ResourceHeader appendIntegrity(byte[] it) throws IOException {
        long at = out.position();
        out.append(it, 0, it.length);
        return new ResourceHeader(it.length, 0, at, it.length);
    }

    /** SHA-1s of the file from the header's end to the blob table's end, in 10 MiB chunks. */
    static byte[] integrityTable(FileChannel ch, long end) throws IOException {
        int chunk = WriteOptions.INTEGRITY_CHUNK_SIZE;
        long start = WimHeader.SIZE;
        int n = (int) ((end - start + chunk - 1) / chunk);
        byte[] t = new byte[12 + 20 * n];
        LittleEndian.putInt(t, 0, t.length);
        LittleEndian.putInt(t, 4, n);
        LittleEndian.putInt(t, 8, chunk);
        MessageDigest md = Sha1Digests.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < n; i++) {
            long from = start + (long) i * chunk;
            long to = Math.min(end, from + chunk);
            md.reset();
            for (long p = from; p < to; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), to - p));
                int k = ch.read(buf, p);
                if (k <= 0) {
                    throw new IOException("short read while computing the integrity table");
                }
                md.update(buf.array(), 0, k);
                p += k;
            }
            byte[] d = md.digest();
            System.arraycopy(d, 0, t, 12 + 20 * i, 20);
        }
        return t;
    }
}
