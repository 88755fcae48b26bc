package org.jwim.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.Sha1Hash;
import org.jwim.compression.LittleEndian;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.image.TaggedItem;

/**
 * Turns an {@link ImageTree} into a metadata resource as wimlib and DISM write it: the security
 * data (total length aligned to 8), the root dentry and an 8-byte terminator, then each
 * directory's child list (ending in an 8-byte zero) in pre-order of the directories, every
 * directory - even an empty one - with a child list. Streams follow DISM's rules: a file whose
 * only stream is unnamed keeps its hash in the dentry; otherwise all its streams become extra
 * entries (reparse data first, then unnamed data, then named streams), and directories never get
 * an unnamed data entry.
 */
public final class MetadataWriter {
    private MetadataWriter() {
    }

    /** The metadata resource bytes of {@code tree}. */
    public static byte[] write(ImageTree tree) {
        byte[] security = securityData(tree);
        Map<Inode, Long> linkIds = linkGroupIds(tree);

        // Lay out: root at the aligned end of the security data, then its terminator, then lists.
        Map<Dentry, Long> listOffsets = new IdentityHashMap<>();
        long rootOffset = security.length;
        long next = rootOffset + dentryLength(tree.root()) + 8;
        Deque<Dentry> stack = new ArrayDeque<>();
        stack.push(tree.root());
        List<Dentry> directoryOrder = new ArrayList<>();
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            if (!d.isDirectory()) {
                continue;
            }
            directoryOrder.add(d);
            listOffsets.put(d, next);
            for (Dentry c : d.children()) {
                next += dentryLength(c) + streamsLength(c.inode());
            }
            next += 8;
            List<Dentry> children = d.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        if (next > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("metadata resource larger than 2 GiB");
        }
        byte[] out = new byte[(int) next];
        System.arraycopy(security, 0, out, 0, security.length);
        writeDentry(out, (int) rootOffset, tree.root(), listOffsets, linkIds);
        for (Dentry dir : directoryOrder) {
            int p = (int) (long) listOffsets.get(dir);
            for (Dentry c : dir.children()) {
                p = writeDentry(out, p, c, listOffsets, linkIds);
            }
        }
        return out;
    }

    private static byte[] securityData(ImageTree tree) {
        List<byte[]> sds = tree.security().descriptors();
        long total = 8L + 8L * sds.size();
        for (byte[] sd : sds) {
            total += sd.length;
        }
        int aligned = (int) align8(total);
        byte[] b = new byte[aligned];
        LittleEndian.putInt(b, 0, aligned);
        LittleEndian.putInt(b, 4, sds.size());
        int p = 8 + 8 * sds.size();
        for (int i = 0; i < sds.size(); i++) {
            LittleEndian.putLong(b, 8 + 8 * i, sds.get(i).length);
            System.arraycopy(sds.get(i), 0, b, p, sds.get(i).length);
            p += sds.get(i).length;
        }
        return b;
    }

    /** Nonzero ids for inodes with several names (as wimlib numbers them); none for the rest. */
    private static Map<Inode, Long> linkGroupIds(ImageTree tree) {
        Map<Inode, Long> ids = new IdentityHashMap<>();
        long id = 1;
        for (Dentry d : walk(tree.root())) {
            Inode inode = d.inode();
            if (inode.links().size() > 1 && !inode.isReparsePoint() && !ids.containsKey(inode)) {
                ids.put(inode, id++);
            }
        }
        return ids;
    }

    private static List<Dentry> walk(Dentry root) {
        List<Dentry> l = new ArrayList<>();
        Deque<Dentry> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            l.add(d);
            List<Dentry> c = d.children();
            for (int i = c.size() - 1; i >= 0; i--) {
                stack.push(c.get(i));
            }
        }
        return l;
    }

    private static int nameBytes(String s) {
        return s.length() * 2;
    }

    /** The dentry's on-disk length (names and tagged items, not its stream entries). */
    static long dentryLength(Dentry d) {
        long len = MetadataReader.DENTRY_DISK_SIZE;
        if (!d.name().isEmpty()) {
            len += nameBytes(d.name()) + 2;
        }
        if (!d.shortName().isEmpty()) {
            len += nameBytes(d.shortName()) + 2;
        }
        len = align8(len);
        for (TaggedItem t : d.inode().taggedItems()) {
            len += align8(8L + t.data().length);
        }
        return len;
    }

    /** The streams to store for an inode, in DISM's order. */
    static List<StreamEntry> streamsToWrite(Inode inode) {
        List<StreamEntry> l = new ArrayList<>();
        if (inode.hasAttribute(FileAttributes.ENCRYPTED)) {
            for (StreamEntry s : inode.streams()) {
                if (s.type() == StreamEntry.Type.ENCRYPTED) {
                    l.add(s);
                }
            }
            return l;
        }
        StreamEntry reparse = inode.reparseStream();
        if (inode.isReparsePoint()) {
            l.add(reparse != null ? reparse : new StreamEntry(StreamEntry.Type.REPARSE, "", Sha1Hash.ZERO, 0));
        }
        // DISM refuses an unnamed data entry on anything with the DIRECTORY attribute.
        if (!inode.hasAttribute(FileAttributes.DIRECTORY)) {
            StreamEntry data = inode.unnamedData();
            l.add(data != null ? data : new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
        }
        l.addAll(inode.namedStreams());
        return l;
    }

    private static boolean hashInDentry(List<StreamEntry> streams) {
        return streams.size() == 1 && !streams.get(0).isNamed();
    }

    static long streamsLength(Inode inode) {
        List<StreamEntry> streams = streamsToWrite(inode);
        if (streams.isEmpty() || hashInDentry(streams)) {
            return 0;
        }
        long len = 0;
        for (StreamEntry s : streams) {
            len += streamEntryLength(s);
        }
        return len;
    }

    private static long streamEntryLength(StreamEntry s) {
        return align8(MetadataReader.STREAM_ENTRY_DISK_SIZE + (s.isNamed() ? nameBytes(s.name()) + 2 : 0));
    }

    private static int writeDentry(byte[] out, int at, Dentry d, Map<Dentry, Long> listOffsets, Map<Inode, Long> linkIds) {
        Inode inode = d.inode();
        int len = (int) dentryLength(d);
        LittleEndian.putLong(out, at, len);
        LittleEndian.putInt(out, at + 0x08, inode.attributes());
        LittleEndian.putInt(out, at + 0x0C, inode.securityId());
        Long list = listOffsets.get(d);
        LittleEndian.putLong(out, at + 0x10, list == null ? 0 : list);
        LittleEndian.putLong(out, at + 0x28, inode.creationTime());
        LittleEndian.putLong(out, at + 0x30, inode.lastAccessTime());
        LittleEndian.putLong(out, at + 0x38, inode.lastWriteTime());
        List<StreamEntry> streams = streamsToWrite(inode);
        boolean inDentry = hashInDentry(streams);
        if (inDentry) {
            streams.get(0).hash().copyTo(out, at + 0x40);
        }
        LittleEndian.putInt(out, at + 0x54, inode.unknown0x54());
        if (inode.isReparsePoint()) {
            LittleEndian.putInt(out, at + 0x58, inode.reparseTag());
            LittleEndian.putU16(out, at + 0x5C, inode.reparseReserved());
            LittleEndian.putU16(out, at + 0x5E, inode.reparseFlags());
        } else {
            Long id = linkIds.get(inode);
            LittleEndian.putLong(out, at + 0x58, id == null ? 0 : id);
        }
        int extra = inDentry ? 0 : streams.size();
        LittleEndian.putU16(out, at + 0x60, extra);
        LittleEndian.putU16(out, at + 0x62, nameBytes(d.shortName()));
        LittleEndian.putU16(out, at + 0x64, nameBytes(d.name()));
        int p = at + MetadataReader.DENTRY_DISK_SIZE;
        if (!d.name().isEmpty()) {
            byte[] n = d.name().getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(n, 0, out, p, n.length);
            p += n.length + 2;
        }
        if (!d.shortName().isEmpty()) {
            byte[] n = d.shortName().getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(n, 0, out, p, n.length);
            p += n.length + 2;
        }
        p = at + (int) align8(p - at);
        for (TaggedItem t : inode.taggedItems()) {
            LittleEndian.putInt(out, p, t.tag());
            LittleEndian.putInt(out, p + 4, t.data().length);
            System.arraycopy(t.data(), 0, out, p + 8, t.data().length);
            p += (int) align8(8L + t.data().length);
        }
        p = at + len;
        if (!inDentry) {
            for (StreamEntry s : streams) {
                int slen = (int) streamEntryLength(s);
                LittleEndian.putLong(out, p, slen);
                s.hash().copyTo(out, p + 0x10);
                LittleEndian.putU16(out, p + 0x24, nameBytes(s.name()));
                if (s.isNamed()) {
                    byte[] n = s.name().getBytes(StandardCharsets.UTF_16LE);
                    System.arraycopy(n, 0, out, p + MetadataReader.STREAM_ENTRY_DISK_SIZE, n.length);
                }
                p += slen;
            }
        }
        return p;
    }

    private static long align8(long v) {
        return (v + 7) & ~7L;
    }

}
