package org.jwim;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.BlobTable;
import org.jwim.format.IntegrityTable;
import org.jwim.format.WimHeader;
import org.jwim.format.XmlInfo;
import org.jwim.io.BlobInputStream;
import org.jwim.io.WimPart;

/**
 * An open WIM file (or split set) for reading. Thread-safe: images, blobs and streams may be read
 * from several threads at once.
 *
 * <pre>{@code
 * try (Wim wim = Wim.open(Path.of("install.wim"))) {
 *     Image image = wim.image(1);
 *     image.walk().forEach(d -> System.out.println(d.path()));
 *     try (InputStream in = image.openStream("/Windows/win.ini")) { ... }
 * }
 * }</pre>
 *
 * <p>Opening reads only the header and the XML data; the blob table is read on first need and an
 * image's metadata when the image's tree is first asked for.
 */
public final class Wim implements Closeable {
    private final WimPart primary;
    private final WimHeader header;
    private final XmlInfo xml;
    private final List<String> warnings;
    /** Parts of this split set by part number (just the primary for a whole WIM). */
    private final Map<Integer, Part> parts = new TreeMap<>();
    /** Other WIMs blobs may come from (delta WIM bases). */
    private final List<Wim> references = new ArrayList<>();
    private final Image[] images;

    /** One file of the set with its (lazily read) blob table. */
    private static final class Part {
        final WimPart file;
        final WimHeader header;
        volatile BlobTable table;

        Part(WimPart file, WimHeader header) {
            this.file = file;
            this.header = header;
        }
    }

    private Wim(WimPart primary, WimHeader header, XmlInfo xml, List<String> warnings) {
        this.primary = primary;
        this.header = header;
        this.xml = xml;
        this.warnings = warnings;
        this.parts.put(header.partNumber(), new Part(primary, header));
        this.images = new Image[header.imageCount()];
    }

    /** Opens a WIM with default options. */
    public static Wim open(Path path) throws IOException {
        return open(path, OpenOptions.defaults());
    }

    /**
     * Opens a WIM. Files in {@link OpenOptions#refs()} with the same GUID are taken as the other
     * parts of a split set (their part numbers must be distinct and their part counts equal);
     * others are WIMs whose blobs this one may refer to.
     */
    public static Wim open(Path path, OpenOptions options) throws IOException {
        WimPart part = WimPart.open(path);
        Wim wim = null;
        try {
            List<String> warnings = Collections.synchronizedList(new ArrayList<>());
            WimHeader h = WimHeader.read(part, warnings);
            if (h.hasFlag(WimHeader.FLAG_WRITE_IN_PROGRESS)) {
                warnings.add("the WIM is marked as being written (WRITE_IN_PROGRESS): an earlier write may not have finished");
            }
            XmlInfo xml = XmlInfo.read(part, h);
            wim = new Wim(part, h, xml, warnings);
            for (Path ref : options.refs()) {
                wim.addReference(ref);
            }
            if (options.checkIntegrity()) {
                List<String> problems = wim.checkIntegrity();
                if (!problems.isEmpty()) {
                    throw new WimFormatException(path, -1, String.join("; ", problems));
                }
            }
            return wim;
        } catch (IOException | RuntimeException e) {
            if (wim != null) {
                wim.close();
            } else {
                part.close();
            }
            throw e;
        }
    }

    /** Opens a split set from its parts (any order; part 1 is the one whose images are read). */
    public static Wim openParts(List<Path> partPaths) throws IOException {
        if (partPaths.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        Path first = partPaths.get(0);
        for (Path p : partPaths) {
            try (WimPart wp = WimPart.open(p)) {
                if (WimHeader.read(wp, null).partNumber() == 1) {
                    first = p;
                    break;
                }
            }
        }
        List<Path> rest = new ArrayList<>(partPaths);
        rest.remove(first);
        return open(first, OpenOptions.defaults().withRefs(rest));
    }

    private void addReference(Path ref) throws IOException {
        if (ref.toAbsolutePath().normalize().equals(primary.path().toAbsolutePath().normalize())) {
            return;
        }
        WimPart part = WimPart.open(ref);
        boolean kept = false;
        try {
            WimHeader h = WimHeader.read(part, warnings);
            if (Arrays.equals(h.guid(), header.guid())) {
                if (h.totalParts() != header.totalParts()) {
                    throw new WimFormatException(ref, 0x2A, "part of a " + h.totalParts() + "-part set, but "
                            + primary.path() + " belongs to a " + header.totalParts() + "-part set");
                }
                if (parts.containsKey(h.partNumber())) {
                    throw new WimFormatException(ref, 0x28, "part " + h.partNumber() + " of the split set is given twice");
                }
                parts.put(h.partNumber(), new Part(part, h));
                kept = true;
            } else {
                part.close();
                kept = true;
                references.add(Wim.open(ref));
            }
        } finally {
            if (!kept) {
                part.close();
            }
        }
    }

    /** What the header says. */
    public WimInfo info() {
        return new WimInfo(primary.path(), header, primary.size(),
                !header.integrityTable().isEmpty() && header.integrityTable().offset() != 0);
    }

    /**
     * The WIM's TOTALBYTES from the XML data (what wimlib-imagex info shows as "Size"), or 0 if
     * absent or unreadable.
     */
    public long totalBytes() {
        String s = xml.root().findText("TOTALBYTES");
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public Path path() {
        return primary.path();
    }

    public WimHeader header() {
        return header;
    }

    /** The XML data. */
    public XmlInfo xml() {
        return xml;
    }

    /** Non-fatal oddities met so far, as wimlib warns of them. */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** Number of images. */
    public int imageCount() {
        return header.imageCount();
    }

    /** What the XML data says of each image. */
    public List<ImageInfo> images() {
        List<ImageInfo> l = new ArrayList<>();
        for (int i = 0; i < xml.images().size(); i++) {
            l.add(new ImageInfo(i + 1, xml.images().get(i)));
        }
        return l;
    }

    /** Image {@code index} (1-based). */
    public synchronized Image image(int index) {
        if (index < 1 || index > images.length) {
            throw new IllegalArgumentException("image " + index + " does not exist: " + primary.path() + " has "
                    + images.length + " image" + (images.length == 1 ? "" : "s"));
        }
        if (images[index - 1] == null) {
            images[index - 1] = new Image(this, new ImageInfo(index, xml.images().get(index - 1)));
        }
        return images[index - 1];
    }

    /**
     * The image named {@code nameOrIndex}, or with that 1-based index, as wimlib-imagex resolves an
     * IMAGE argument (a number is an index first; names are case-sensitive).
     */
    public Image image(String nameOrIndex) {
        String s = nameOrIndex.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            try {
                int i = Integer.parseInt(s);
                if (i >= 1 && i <= images.length) {
                    return image(i);
                }
            } catch (NumberFormatException e) {
                // fall through to names
            }
        }
        for (ImageInfo info : images()) {
            if (info.name().equals(nameOrIndex)) {
                return image(info.index());
            }
        }
        throw new IllegalArgumentException("\"" + nameOrIndex + "\" is not a valid image in " + primary.path());
    }

    /** The blob table of the primary part. */
    public BlobTable blobTable() throws IOException {
        return table(parts.get(header.partNumber()));
    }

    private BlobTable table(Part p) throws IOException {
        BlobTable t = p.table;
        if (t == null) {
            synchronized (p) {
                t = p.table;
                if (t == null) {
                    t = BlobTable.read(p.file, p.header, warnings);
                    p.table = t;
                }
            }
        }
        return t;
    }

    /** The primary part's blob table as stored (50-byte entries), for rewriting it. */
    public byte[] rawBlobTable() throws IOException {
        return BlobTable.readRaw(primary, header);
    }

    /** The blob tables of every part given, in part order. */
    public List<BlobTable> blobTables() throws IOException {
        List<BlobTable> l = new ArrayList<>();
        for (Part p : parts.values()) {
            l.add(table(p));
        }
        return l;
    }

    /** The other WIMs (not parts of this split set) blobs may come from: the bases of a delta WIM. */
    public List<Wim> references() {
        return List.copyOf(references);
    }

    /** Part numbers present. */
    public List<Integer> partNumbers() {
        return List.copyOf(parts.keySet());
    }

    /** The blob with hash {@code h} in any part or reference, or null. */
    public BlobDescriptor blob(Sha1Hash h) throws IOException {
        for (Part p : parts.values()) {
            BlobDescriptor d = table(p).get(h);
            if (d != null) {
                return d;
            }
        }
        for (Wim r : references) {
            BlobDescriptor d = r.blob(h);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Size of the blob with hash {@code h}, or -1 when no part or reference has it. */
    long blobSize(Sha1Hash h) {
        try {
            BlobDescriptor d = blob(h);
            return d == null ? -1 : d.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A stream of the blob's uncompressed bytes that checks its SHA-1 when read to the end.
     *
     * @throws WimFormatException if no part or reference has it
     */
    public InputStream openBlob(Sha1Hash h) throws IOException {
        BlobDescriptor d = blob(h);
        if (d == null) {
            throw missingBlob(h);
        }
        return new BlobInputStream(d, true);
    }

    WimFormatException missingBlob(Sha1Hash h) {
        String hint = header.totalParts() > 1 && parts.size() < header.totalParts()
                ? " (this is part of a " + header.totalParts() + "-part split WIM: give the other parts with --ref)"
                : " (if it is a delta WIM, give the WIMs it refers to with --ref)";
        return new WimFormatException(primary.path(), -1, "blob " + h + " is not in this WIM" + hint);
    }

    /** The integrity table of the primary part, or null if it has none. */
    public IntegrityTable integrityTable() throws IOException {
        return IntegrityTable.read(primary, header);
    }

    /** Checks every part's integrity table; returns the problems found (none when all match or no table). */
    public List<String> checkIntegrity() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Part p : parts.values()) {
            IntegrityTable t = IntegrityTable.read(p.file, p.header);
            if (t != null) {
                for (String s : t.verify(p.file, p.header)) {
                    problems.add(p.file.path() + ": " + s);
                }
            }
        }
        return problems;
    }

    WimPart primaryPart() {
        return primary;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Part p : parts.values()) {
            try {
                p.file.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        for (Wim r : references) {
            try {
                r.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Wim[" + primary.path() + "]";
    }
}
