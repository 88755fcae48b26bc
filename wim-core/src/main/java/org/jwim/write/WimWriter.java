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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jwim.Sha1Hash;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.compression.LittleEndian;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.format.BlobTableWriter;
import org.jwim.format.MetadataWriter;
import org.jwim.format.ResourceHeader;
import org.jwim.format.WimHeader;
import org.jwim.format.XmlElement;
import org.jwim.format.XmlInfo;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.io.Sha1Digests;

/**
 * Writes WIM files: a new WIM from images, or new images appended to an existing WIM.
 *
 * <p>A new WIM is written to a temporary file beside the target and renamed over it at the end, so
 * no half-written WIM ever has the target's name. Appending follows wimlib's and DISM's commit
 * rule: new blobs, metadata, blob table, XML and integrity table go after everything the old header
 * points at, the file is forced to disk, and only then is the header rewritten (and forced): a
 * crash at any moment leaves the old header, which still describes the old, intact WIM.
 *
 * <p>Blobs are deduplicated by SHA-1 against each other and against the WIM appended to. A file
 * whose size no other blob has cannot be a duplicate, so it is written straight away and hashed
 * while it is written; files sharing a size are hashed first.
 */
public final class WimWriter {
    private final OutputFile out;
    private final WriteOptions options;
    private final ProgressListener progress;
    private final int imageCountBefore;
    /** Blobs already in the WIM (append) or written so far, by hash. */
    private final Map<Sha1Hash, Long> sizesByHash = new HashMap<>();
    private final Map<Long, Integer> sizeCounts = new HashMap<>();
    /** New blob-table entries (non-solid blobs and metadata), in write order. */
    private final List<WrittenBlob> written = new ArrayList<>();
    private final List<WrittenBlob> metadata = new ArrayList<>();
    private final List<ResourceHeader> solidResources = new ArrayList<>();
    private final List<List<WrittenBlob>> solidBlobs = new ArrayList<>();
    /** References gained by each blob (old or new) from the new images. */
    private final Map<Sha1Hash, Integer> newRefs = new HashMap<>();

    private WimWriter(OutputFile out, WriteOptions options, ProgressListener progress, int imageCountBefore) {
        this.out = out;
        this.options = options;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.imageCountBefore = imageCountBefore;
    }

    /** Options for {@link #create}: header flags and the boot image. */
    public record Target(boolean rpFix, int bootIndex) {
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
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".jwim-tmp");
        boolean ok = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.READ,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                WimWriter w = new WimWriter(new OutputFile(ch, WimHeader.SIZE), options, progress, 0);
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

    private void writeNormal(FileChannel ch, List<NewImage> images, Target t) throws IOException {
        ch.write(ByteBuffer.allocate(WimHeader.SIZE), 0);
        List<XmlElement> xmlImages = writeImages(images);
        XmlInfo xml = XmlInfo.empty();
        xmlImages.forEach(x -> xml.root().children().add(x));
        byte[] guid = new byte[16];
        new SecureRandom().nextBytes(guid);
        BlobTableWriter table = new BlobTableWriter();
        addNewEntries(table);
        finishFile(ch, table, xml, guid, t.rpFix() ? WimHeader.FLAG_RP_FIX : 0, images.size(), t.bootIndex(),
                options.integrity());
    }

    /**
     * The pipable layout (a wimlib extension that can be written to and read from a pipe):
     * {@code header | XML copy | metadata | blobs | blob table | XML | [integrity] | header}, every
     * resource but the integrity table preceded by a 40-byte blob header, and the full header only
     * at the end. Metadata comes before the data, so every blob is hashed first.
     */
    private void writePipable(FileChannel ch, List<NewImage> images, Target t) throws IOException {
        byte[] guid = new byte[16];
        new SecureRandom().nextBytes(guid);
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
            StreamEntry old = p.inode().streams().get(p.streamIndex());
            p.inode().streams().set(p.streamIndex(), new StreamEntry(old.type(), old.name(), h, p.source().size()));
        }
        countReferences(images);
        List<XmlElement> xmlImages = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            xmlImages.add(imageXml(images.get(i), i + 1));
        }
        XmlInfo copy = XmlInfo.empty();
        xmlImages.forEach(x -> copy.root().children().add(x.copy()));
        appendWithHeader(copy.toBytes(), ResourceHeader.FLAG_METADATA);

        try (BlobWriter bw = new BlobWriter(out, type, options.chunkSize(), options.level(), options.threads(),
                progress, true)) {
            int index = 0;
            for (NewImage img : images) {
                index++;
                byte[] md = MetadataWriter.write(img.tree());
                bw.write(new BytesBlobSource(md, "metadata of image " + index),
                        Sha1Hash.of(Sha1Digests.sha1(md, 0, md.length)), ResourceHeader.FLAG_METADATA, metadata::add);
            }
            for (Map.Entry<Sha1Hash, PendingStream> e : toWrite.entrySet()) {
                bw.write(e.getValue().source(), e.getKey(), 0, written::add);
            }
            bw.finish();
        }
        BlobTableWriter table = new BlobTableWriter();
        addNewEntries(table);
        byte[] tb = table.toBytes();
        ResourceHeader tableHdr = appendWithHeader(tb, ResourceHeader.FLAG_METADATA);

        XmlInfo xml = XmlInfo.empty();
        xmlImages.forEach(x -> xml.root().children().add(x));
        long xmlAt = out.position() + org.jwim.format.PipableBlobHeader.SIZE;
        xml.root().children().add(textElement("TOTALBYTES", Long.toString(xmlAt)));
        ResourceHeader xmlHdr = appendWithHeader(xml.toBytes(), ResourceHeader.FLAG_METADATA);

        ResourceHeader integrityHdr = ResourceHeader.NONE;
        if (options.integrity()) {
            byte[] it = integrityTable(ch, tableHdr.end());
            long at = out.position();
            out.append(it, 0, it.length);
            integrityHdr = new ResourceHeader(it.length, 0, at, it.length);
        }
        ResourceHeader boot = t.bootIndex() > 0 && t.bootIndex() <= metadata.size()
                ? metadata.get(t.bootIndex() - 1).reshdr() : ResourceHeader.NONE;
        WimHeader full = new WimHeader(true, version, flags, chunk, guid, 1, 1, images.size(), tableHdr, xmlHdr, boot,
                boot.isEmpty() ? 0 : t.bootIndex(), integrityHdr);
        byte[] hb = full.toBytes();
        out.append(hb, 0, hb.length);
        ch.truncate(out.position());
    }

    /** Appends a 40-byte pipable blob header and then {@code data} stored raw; returns its resource header. */
    private ResourceHeader appendWithHeader(byte[] data, int flags) throws IOException {
        byte[] h = org.jwim.format.PipableBlobHeader.of(data.length, Sha1Hash.of(Sha1Digests.sha1(data, 0, data.length)),
                flags);
        out.append(h, 0, h.length);
        long at = out.position();
        out.append(data, 0, data.length);
        return new ResourceHeader(data.length, flags, at, data.length);
    }

    private static void move(Path tmp, Path target) throws IOException {
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
        WimHeader h;
        XmlInfo xml;
        byte[] oldTable;
        List<BlobDescriptor> oldBlobs;
        long oldEnd;
        try (Wim old = Wim.open(path)) {
            h = old.header();
            if (h.totalParts() != 1) {
                throw new WimFormatException(path, 0x2A, "cannot append to a part of a split WIM; join it first");
            }
            if (h.pipable()) {
                throw new WimFormatException(path, 0, "appending to a pipable WIM in place is not supported;"
                        + " rewrite it with optimize --not-pipable first");
            }
            xml = old.xml();
            oldBlobs = old.blobTable().blobs();
            oldTable = old.rawBlobTable();
            oldEnd = Math.max(h.blobTable().end(), Math.max(h.xmlData().end(), h.integrityTable().end()));
            for (BlobDescriptor b : oldBlobs) {
                oldEnd = Math.max(oldEnd, b.resource().header().end());
            }
        }
        WriteOptions options = requested.withCompression(h.compressionType(),
                h.compressionType() == CompressionType.NONE ? 0 : h.chunkSize());
        boolean withIntegrity = integrity != null ? integrity
                : !h.integrityTable().isEmpty() && h.integrityTable().offset() != 0;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            OutputFile out = new OutputFile(ch, oldEnd);
            WimWriter w = new WimWriter(out, options.withIntegrity(withIntegrity), progress, h.imageCount());
            for (BlobDescriptor b : oldBlobs) {
                if (!b.isMetadata()) {
                    w.known(b.hash(), b.size());
                }
            }
            List<XmlElement> xmlImages = w.writeImages(images);
            xmlImages.forEach(x -> xml.root().children().add(x));
            BlobTableWriter table = new BlobTableWriter();
            w.addOldEntries(table, oldTable);
            w.addNewEntries(table);
            int boot = bootIndex >= 0 ? bootIndex : h.bootIndex();
            w.finishFile(ch, table, xml, h.guid(), h.flags() & ~WimHeader.FLAG_WRITE_IN_PROGRESS,
                    h.imageCount() + images.size(), boot, withIntegrity, oldTable, h);
        }
    }

    private void known(Sha1Hash hash, long size) {
        if (sizesByHash.putIfAbsent(hash, size) == null) {
            sizeCounts.merge(size, 1, Integer::sum);
        }
    }

    /** Writes the blobs and metadata of {@code images}; returns their XML elements, numbered. */
    private List<XmlElement> writeImages(List<NewImage> images) throws IOException {
        writeBlobs(images);
        List<XmlElement> xmlImages = new ArrayList<>();
        try (BlobWriter bw = metadataWriter()) {
            int index = imageCountBefore;
            for (NewImage img : images) {
                index++;
                byte[] md = MetadataWriter.write(img.tree());
                bw.write(new BytesBlobSource(md, "metadata of image " + index), ResourceHeader.FLAG_METADATA,
                        metadata::add);
                xmlImages.add(imageXml(img, index));
            }
            bw.finish();
        }
        return xmlImages;
    }

    private BlobWriter metadataWriter() {
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
        Map<PendingStream, Sha1Hash> hashes = new LinkedHashMap<>();
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
        Map<PendingStream, WrittenBlob> results = new HashMap<>();
        if (options.solid()) {
            writeSolid(toWrite, results);
        } else {
            try (BlobWriter bw = new BlobWriter(out, options.compression(), options.chunkSize(), options.level(),
                    options.threads(), progress)) {
                for (PendingStream p : toWrite) {
                    Consumer<WrittenBlob> done = wb -> {
                        results.put(p, wb);
                        written.add(wb);
                    };
                    if (!options.recompress() && p.source() instanceof WimBlobSource w && bw.canCopyRaw(w.blob())) {
                        bw.copyRaw(w.blob(), 0, done);
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
            Sha1Hash h = wb != null ? wb.hash() : hashes.get(p);
            long size = p.source().size();
            Inode inode = p.inode();
            StreamEntry old = inode.streams().get(p.streamIndex());
            inode.streams().set(p.streamIndex(), new StreamEntry(old.type(), old.name(), h, size));
        }
        countReferences(images);
    }

    /** Reference counts as wimlib keeps them: each stream of an inode counts once per name of the inode. */
    private void countReferences(List<NewImage> images) {
        for (NewImage img : images) {
            for (Inode inode : img.tree().inodes()) {
                for (StreamEntry s : inode.streams()) {
                    if (!s.hash().isZero()) {
                        newRefs.merge(s.hash(), inode.links().size(), Integer::sum);
                    }
                }
            }
        }
    }

    private void writeSolid(List<PendingStream> toWrite, Map<PendingStream, WrittenBlob> results) throws IOException {
        if (toWrite.isEmpty()) {
            return;
        }
        // Like files together compress better: order by extension, then name, as wimlib does.
        List<PendingStream> order = new ArrayList<>(toWrite);
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
            solidResources.add(sw.finish());
            solidBlobs.add(blobs);
        }
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

    private void addOldEntries(BlobTableWriter table, byte[] old) {
        byte[] e = new byte[BlobTable.ENTRY_SIZE];
        java.util.Set<Sha1Hash> counted = new java.util.HashSet<>();
        for (int at = 0; at + BlobTable.ENTRY_SIZE <= old.length; at += BlobTable.ENTRY_SIZE) {
            System.arraycopy(old, at, e, 0, e.length);
            ResourceHeader r = ResourceHeader.read(e, 0);
            Sha1Hash h = Sha1Hash.of(e, 30);
            Integer more = newRefs.get(h);
            if (more != null && !r.isMetadata() && !h.isZero() && counted.add(h)) {
                LittleEndian.putInt(e, 26, LittleEndian.getInt(e, 26) + more);
            }
            table.addRaw(e, 0);
        }
        newRefs.keySet().removeAll(counted);
    }

    /** Metadata first (in image order), then non-solid blobs, then solid runs: as wimlib orders them. */
    private void addNewEntries(BlobTableWriter table) {
        for (WrittenBlob m : metadata) {
            table.add(m.reshdr(), 1, 1, m.hash());
        }
        for (WrittenBlob b : written) {
            table.add(b.reshdr(), 1, newRefs.getOrDefault(b.hash(), 1), b.hash());
        }
        for (int i = 0; i < solidResources.size(); i++) {
            table.add(solidResources.get(i), 1, 1, Sha1Hash.ZERO);
            for (WrittenBlob b : solidBlobs.get(i)) {
                table.add(b.reshdr(), 1, newRefs.getOrDefault(b.hash(), 1), b.hash());
            }
        }
    }

    private void finishFile(FileChannel ch, BlobTableWriter table, XmlInfo xml, byte[] guid, int baseFlags,
                            int imageCount, int bootIndex, boolean integrity) throws IOException {
        finishFile(ch, table, xml, guid, baseFlags, imageCount, bootIndex, integrity, null, null);
    }

    private void finishFile(FileChannel ch, BlobTableWriter table, XmlInfo xml, byte[] guid, int baseFlags,
                            int imageCount, int bootIndex, boolean integrity, byte[] oldTable, WimHeader oldHeader)
            throws IOException {
        byte[] t = table.toBytes();
        long tableAt = out.position();
        out.append(t, 0, t.length);
        ResourceHeader tableHdr = new ResourceHeader(t.length, ResourceHeader.FLAG_METADATA, tableAt, t.length);

        long xmlAt = out.position();
        XmlElement total = xml.root().child("TOTALBYTES");
        xml.root().children().remove(total);
        xml.root().children().add(textElement("TOTALBYTES", Long.toString(xmlAt)));
        byte[] x = xml.toBytes();
        out.append(x, 0, x.length);
        ResourceHeader xmlHdr = new ResourceHeader(x.length, ResourceHeader.FLAG_METADATA, xmlAt, x.length);

        ResourceHeader integrityHdr = ResourceHeader.NONE;
        if (integrity) {
            byte[] it = integrityTable(ch, tableHdr.end());
            long at = out.position();
            out.append(it, 0, it.length);
            integrityHdr = new ResourceHeader(it.length, 0, at, it.length);
        }
        long end = out.position();

        CompressionType type = options.compression();
        int flags = baseFlags & ~(WimHeader.FLAG_COMPRESSION | WimHeader.FLAG_COMPRESS_XPRESS
                | WimHeader.FLAG_COMPRESS_LZX | WimHeader.FLAG_COMPRESS_LZMS | WimHeader.FLAG_COMPRESS_XPRESS_2);
        if (type != CompressionType.NONE) {
            flags |= WimHeader.FLAG_COMPRESSION | type.headerFlag();
        }
        boolean solidVersion = type == CompressionType.LZMS || !solidResources.isEmpty()
                || (oldHeader != null && oldHeader.version() == WimHeader.VERSION_SOLID);
        ResourceHeader boot = ResourceHeader.NONE;
        if (bootIndex > 0) {
            boot = bootMetadata(bootIndex, oldTable);
        }
        WimHeader h = new WimHeader(false, solidVersion ? WimHeader.VERSION_SOLID : WimHeader.VERSION_DEFAULT, flags,
                type == CompressionType.NONE ? 0 : options.chunkSize(), guid, 1, 1, imageCount, tableHdr, xmlHdr,
                boot, boot.isEmpty() ? 0 : bootIndex, integrityHdr);
        // Everything the new header points at must be on disk before the header is.
        ch.force(true);
        out.writeAt(0, h.toBytes(), 0, WimHeader.SIZE);
        ch.force(true);
        ch.truncate(end);
    }

    private ResourceHeader bootMetadata(int bootIndex, byte[] oldTable) {
        if (bootIndex > imageCountBefore) {
            int i = bootIndex - imageCountBefore - 1;
            return i < metadata.size() ? metadata.get(i).reshdr() : ResourceHeader.NONE;
        }
        int seen = 0;
        for (int at = 0; oldTable != null && at + BlobTable.ENTRY_SIZE <= oldTable.length; at += BlobTable.ENTRY_SIZE) {
            ResourceHeader r = ResourceHeader.read(oldTable, at);
            if (r.isMetadata() && LittleEndian.getInt(oldTable, at + 26) != 0 && ++seen == bootIndex) {
                return r;
            }
        }
        return ResourceHeader.NONE;
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
