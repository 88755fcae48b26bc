package org.jwim.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jwim.Sha1Hash;
import org.jwim.WimFormatException;
import org.jwim.compression.LittleEndian;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.SecurityData;
import org.jwim.image.StreamEntry;
import org.jwim.image.TaggedItem;

/**
 * Turns an uncompressed metadata resource into an {@link ImageTree}: the security data block,
 * then the dentry tree (each directory's children a list ending in an 8-byte zero), each dentry
 * followed by its extra stream entries.
 *
 * <p>Hostile input cannot make it loop or recurse: directories are walked with an explicit stack,
 * a child list reached twice (a cycle or a shared list) is refused, depth is limited as in
 * wimlib, and every length is checked against the buffer before use. Entries wimlib ignores
 * (nameless, "." and "..", duplicate names, children of non-directories) are ignored with a
 * warning; hard links are grouped as wimlib and WIMGAPI group them.
 */
public final class MetadataReader {
    /** Fixed part of a dentry on disk. */
    public static final int DENTRY_DISK_SIZE = 102;
    /** Fixed part of an extra stream entry on disk. */
    public static final int STREAM_ENTRY_DISK_SIZE = 38;
    /** wimlib's limit on directory depth. */
    public static final int MAX_DEPTH = 16384;

    private final WimFormatException.Factory err;
    private final byte[] md;
    private final ToLongFunction<Sha1Hash> sizes;
    private final List<String> warnings = new ArrayList<>();
    private final List<Inode> inodes = new ArrayList<>();
    private final Map<Long, List<Inode>> linkGroups = new HashMap<>();

    private MetadataReader(WimFormatException.Factory err, byte[] md, ToLongFunction<Sha1Hash> sizes) {
        this.err = err;
        this.md = md;
        this.sizes = sizes;
    }

    /**
     * Parses {@code md}, the whole uncompressed metadata resource.
     *
     * @param err   makes exceptions naming the file and resource
     * @param sizes the blob size of a hash, or -1 when no blob has it
     */
    public static ImageTree read(WimFormatException.Factory err, byte[] md, ToLongFunction<Sha1Hash> sizes)
            throws WimFormatException {
        return new MetadataReader(err, md, sizes).read();
    }

    private ImageTree read() throws WimFormatException {
        if (md.length < 8) {
            throw err.at(0, "metadata resource of " + md.length + " bytes is too small");
        }
        SecurityData security = readSecurity();
        long rootOffset = align8(securityLength());
        Parsed root = readDentry(rootOffset);
        if (root == null) {
            throw err.at(rootOffset, "metadata resource has no root dentry");
        }
        if (!root.dentry.isDirectory()) {
            throw err.at(rootOffset, "the root of the image is not a directory");
        }
        if (!root.dentry.name().isEmpty()) {
            warnings.add("the root dentry has a name (\"" + root.dentry.name() + "\"); ignoring it");
            root.dentry.rename("");
        }
        readChildren(root);
        return new ImageTree(root.dentry, security, inodes, warnings);
    }

    private long securityLength() {
        long total = LittleEndian.getU32(md, 0);
        return total == 0 ? 8 : total;
    }

    private SecurityData readSecurity() throws WimFormatException {
        long total = securityLength();
        long count = LittleEndian.getU32(md, 4);
        if (total > md.length || total < 8) {
            throw err.at(0, "security data length " + total + " does not fit in the metadata resource of " + md.length
                    + " bytes");
        }
        if (count > (total - 8) / 8) {
            throw err.at(4, "security data claims " + count + " descriptors, more than its " + total + " bytes hold");
        }
        long pos = 8 + 8 * count;
        List<byte[]> descriptors = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long size = LittleEndian.getLong(md, 8 + 8 * i);
            if (size < 0 || size > total - pos) {
                throw err.at(8 + 8L * i, "security descriptor " + i + " of " + Long.toUnsignedString(size)
                        + " bytes runs past the security data");
            }
            descriptors.add(Arrays.copyOfRange(md, (int) pos, (int) (pos + size)));
            pos += size;
        }
        return new SecurityData(descriptors);
    }

    /** A dentry as read, before it is put in the tree. */
    private static final class Parsed {
        Dentry dentry;
        long subdirOffset;
        long next;
        int depth;
    }

    private void readChildren(Parsed root) throws WimFormatException {
        Set<Long> listsSeen = new HashSet<>();
        Deque<Parsed> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Parsed dir = todo.pop();
            long list = dir.subdirOffset;
            if (list == 0) {
                continue;
            }
            if (!listsSeen.add(list)) {
                throw err.at(list, "directory " + dir.dentry.path() + " points at a child list already read "
                        + "(a cycle in the directory tree)");
            }
            if (dir.depth >= MAX_DEPTH) {
                throw err.at(list, "directory structure deeper than " + MAX_DEPTH + " levels");
            }
            long cur = list;
            List<Parsed> entries = new ArrayList<>();
            while (true) {
                Parsed p = readDentry(cur);
                if (p == null) {
                    break;
                }
                cur = p.next;
                String name = p.dentry.name();
                if (name.isEmpty()) {
                    warnings.add("ignoring a nameless entry in " + dir.dentry.path());
                    drop(p.dentry);
                    continue;
                }
                if (name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
                    warnings.add("ignoring an entry named \"" + name.replace("\0", "\\0") + "\" in " + dir.dentry.path());
                    drop(p.dentry);
                    continue;
                }
                entries.add(p);
            }
            // One stable sort per directory (on-disk order is usually sorted already); of equal
            // names the first on disk is kept, as wimlib keeps it.
            entries.sort((x, y) -> Dentry.collate(x.dentry.name(), y.dentry.name()));
            List<Dentry> kept = new ArrayList<>(entries.size());
            Parsed prev = null;
            for (Parsed p : entries) {
                Dentry d = p.dentry;
                if (prev != null && prev.dentry.name().equals(d.name())) {
                    warnings.add("ignoring duplicate file \"" + (dir.dentry.isRoot() ? "" : dir.dentry.path()) + "/"
                            + d.name() + "\" (the image already has a file with that exact name there)");
                    drop(d);
                    continue;
                }
                prev = p;
                kept.add(d);
                p.depth = dir.depth + 1;
                if (p.subdirOffset != 0) {
                    if (d.isDirectory()) {
                        todo.push(p);
                    } else {
                        warnings.add("ignoring children of non-directory " + dir.dentry.path() + "/" + d.name());
                    }
                }
            }
            dir.dentry.setChildren(kept);
        }
    }

    private void drop(Dentry d) {
        Inode inode = d.inode();
        if (inode.links().size() == 1) {
            inodes.remove(inode);
            List<Inode> group = linkGroups.get(inode.linkGroupId());
            if (group != null) {
                group.remove(inode);
            }
        }
        d.detachFromInode();
    }

    /** Reads the dentry at {@code offset}; null for an end-of-list marker. */
    private Parsed readDentry(long offset) throws WimFormatException {
        if (offset < 0 || offset > md.length - 8L) {
            throw err.at(offset, "dentry offset " + offset + " is outside the metadata resource of " + md.length + " bytes");
        }
        int at = (int) offset;
        long length = LittleEndian.getLong(md, at);
        if (length == 0) {
            return null;
        }
        if (length < DENTRY_DISK_SIZE || length > md.length - offset) {
            throw err.at(offset, "dentry length " + Long.toUnsignedString(length) + " is invalid (must be "
                    + DENTRY_DISK_SIZE + " to " + (md.length - offset) + ")");
        }
        int len = (int) length;
        int attributes = LittleEndian.getInt(md, at + 0x08);
        int securityId = LittleEndian.getInt(md, at + 0x0C);
        long subdirOffset = LittleEndian.getLong(md, at + 0x10);
        long creation = LittleEndian.getLong(md, at + 0x28);
        long access = LittleEndian.getLong(md, at + 0x30);
        long write = LittleEndian.getLong(md, at + 0x38);
        Sha1Hash mainHash = Sha1Hash.of(md, at + 0x40);
        int unknown = LittleEndian.getInt(md, at + 0x54);
        int numStreams = LittleEndian.getU16(md, at + 0x60);
        int shortLen = LittleEndian.getU16(md, at + 0x62);
        int nameLen = LittleEndian.getU16(md, at + 0x64);
        if ((shortLen & 1) != 0 || (nameLen & 1) != 0) {
            throw err.at(offset + 0x62, "dentry name length is odd");
        }
        int namesEnd = DENTRY_DISK_SIZE + (nameLen > 0 ? nameLen + 2 : 0) + (shortLen > 0 ? shortLen + 2 : 0);
        if (namesEnd > len) {
            throw err.at(offset, "dentry of " + len + " bytes is too short for its names (" + namesEnd + " bytes)");
        }
        int p = at + DENTRY_DISK_SIZE;
        String name = nameLen > 0 ? new String(md, p, nameLen, StandardCharsets.UTF_16LE) : "";
        if (nameLen > 0) {
            p += nameLen + 2;
        }
        String shortName = shortLen > 0 ? new String(md, p, shortLen, StandardCharsets.UTF_16LE) : "";

        Inode inode = new Inode();
        inode.setAttributes(attributes);
        inode.setSecurityId(securityId);
        inode.setTimes(creation, access, write);
        inode.setUnknown0x54(unknown);
        if ((attributes & FileAttributes.REPARSE_POINT) != 0) {
            inode.setReparse(LittleEndian.getInt(md, at + 0x58), LittleEndian.getU16(md, at + 0x5C),
                    LittleEndian.getU16(md, at + 0x5E));
        } else {
            inode.setLinkGroupId(LittleEndian.getLong(md, at + 0x58));
        }
        readTaggedItems(inode, offset, at + (int) align8(namesEnd), at + len);

        // Extra stream entries follow the dentry, outside its length.
        long next = offset + align8(length);
        List<Sha1Hash> unnamed = new ArrayList<>();
        if (!mainHash.isZero()) {
            unnamed.add(mainHash);
        }
        List<StreamEntry> named = new ArrayList<>();
        for (int i = 0; i < numStreams; i++) {
            if (next > md.length - (long) STREAM_ENTRY_DISK_SIZE) {
                throw err.at(next, "stream entry " + i + " runs past the end of the metadata resource");
            }
            int s = (int) next;
            long slen = LittleEndian.getLong(md, s);
            int snameLen = LittleEndian.getU16(md, s + 0x24);
            if (slen < STREAM_ENTRY_DISK_SIZE || slen > md.length - next
                    || (snameLen & 1) != 0 || STREAM_ENTRY_DISK_SIZE + snameLen > slen) {
                throw err.at(next, "stream entry " + i + " has an invalid length " + Long.toUnsignedString(slen)
                        + " or name length " + snameLen);
            }
            Sha1Hash h = Sha1Hash.of(md, s + 0x10);
            if (snameLen > 0) {
                String sname = new String(md, s + STREAM_ENTRY_DISK_SIZE, snameLen, StandardCharsets.UTF_16LE);
                named.add(new StreamEntry(StreamEntry.Type.DATA, sname, h, size(h)));
            } else {
                unnamed.add(h);
            }
            next += align8(slen);
        }
        assignStreams(inode, mainHash, unnamed, named);

        Dentry d = new Dentry(name, inode);
        d.setShortName(shortName);
        Parsed parsed = new Parsed();
        parsed.dentry = d;
        parsed.subdirOffset = subdirOffset;
        parsed.next = next;
        attachInode(parsed);
        return parsed;
    }

    /**
     * Stream types as wimlib assigns them: named entries are named data streams; among the main
     * hash (when nonzero) and the unnamed entries, the first is the reparse data of a reparse
     * point and the next the unnamed data; surplus unnamed entries are ignored.
     */
    private void assignStreams(Inode inode, Sha1Hash mainHash, List<Sha1Hash> unnamed, List<StreamEntry> named) {
        List<StreamEntry> streams = inode.streams();
        if (inode.hasAttribute(FileAttributes.ENCRYPTED)) {
            Sha1Hash h = unnamed.isEmpty() ? mainHash : unnamed.get(0);
            streams.add(new StreamEntry(StreamEntry.Type.ENCRYPTED, "", h, size(h)));
            return;
        }
        int i = 0;
        if (inode.isReparsePoint()) {
            Sha1Hash h = i < unnamed.size() ? unnamed.get(i++) : Sha1Hash.ZERO;
            streams.add(new StreamEntry(StreamEntry.Type.REPARSE, "", h, size(h)));
        }
        if (i < unnamed.size()) {
            Sha1Hash h = unnamed.get(i);
            streams.add(new StreamEntry(StreamEntry.Type.DATA, "", h, size(h)));
        } else if (!inode.hasAttribute(FileAttributes.DIRECTORY) && !inode.isReparsePoint()) {
            streams.add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
        }
        streams.addAll(named);
    }

    private long size(Sha1Hash h) {
        return h.isZero() ? 0 : sizes.applyAsLong(h);
    }

    private void readTaggedItems(Inode inode, long dentryOffset, int from, int end) {
        int p = from;
        while (p + 8 <= end) {
            int tag = LittleEndian.getInt(md, p);
            long len = LittleEndian.getU32(md, p + 4);
            if (len > end - p - 8) {
                warnings.add("dentry at metadata offset " + dentryOffset + " has a tagged item running past its end; "
                        + "ignoring the rest of its extra data");
                return;
            }
            inode.taggedItems().add(new TaggedItem(tag, Arrays.copyOfRange(md, p + 8, p + 8 + (int) len)));
            p += (int) align8(8 + len);
        }
    }

    /**
     * Joins a dentry to an earlier inode of the same hard-link group when, as WIMGAPI and wimlib
     * require, neither is a directory and their unnamed data is the same; otherwise it keeps its
     * own inode.
     */
    private void attachInode(Parsed p) {
        Inode mine = p.dentry.inode();
        long group = mine.linkGroupId();
        if (group != 0 && !mine.isDirectory() && !mine.isReparsePoint()) {
            List<Inode> candidates = linkGroups.computeIfAbsent(group, k -> new ArrayList<>());
            for (Inode other : candidates) {
                if (sameData(other, mine)) {
                    Dentry d = p.dentry;
                    Dentry link = new Dentry(d.name(), other);
                    link.setShortName(d.shortName());
                    mine.streams().clear();
                    p.dentry = link;
                    return;
                }
            }
            candidates.add(mine);
        }
        inodes.add(mine);
    }

    private static boolean sameData(Inode a, Inode b) {
        StreamEntry x = a.unnamedData();
        StreamEntry y = b.unnamedData();
        Sha1Hash hx = x == null ? Sha1Hash.ZERO : x.hash();
        Sha1Hash hy = y == null ? Sha1Hash.ZERO : y.hash();
        return hx.equals(hy);
    }

    private static long align8(long v) {
        return (v + 7) & ~7L;
    }
}
