package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HexFormat;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.Inode;
import org.jwim.image.SecurityData;
import org.jwim.image.StreamEntry;
import org.jwim.image.TaggedItem;
import org.jwim.image.UnixData;

/** One entry of {@code wimlib-imagex dir --detailed} 1.13.5. */
final class DentryText {
    /** The attributes wimlib names, in its order (it leaves out INTEGRITY_STREAM and later bits). */
    private static final Object[][] ATTRIBUTES = {
        {FileAttributes.READONLY, "READONLY"},
        {FileAttributes.HIDDEN, "HIDDEN"},
        {FileAttributes.SYSTEM, "SYSTEM"},
        {FileAttributes.DIRECTORY, "DIRECTORY"},
        {FileAttributes.ARCHIVE, "ARCHIVE"},
        {FileAttributes.DEVICE, "DEVICE"},
        {FileAttributes.NORMAL, "NORMAL"},
        {FileAttributes.TEMPORARY, "TEMPORARY"},
        {FileAttributes.SPARSE_FILE, "SPARSE_FILE"},
        {FileAttributes.REPARSE_POINT, "REPARSE_POINT"},
        {FileAttributes.COMPRESSED, "COMPRESSED"},
        {FileAttributes.OFFLINE, "OFFLINE"},
        {FileAttributes.NOT_CONTENT_INDEXED, "NOT_CONTENT_INDEXED"},
        {FileAttributes.ENCRYPTED, "ENCRYPTED"},
        {FileAttributes.VIRTUAL, "VIRTUAL"},
    };
    private static final String RULE = "-".repeat(76);
    /** The object id item holds up to four GUIDs; wimlib prints each one that is not all zero. */
    private static final String[] OBJECT_ID_LABELS = {"Object ID", "Birth Volume ID", "Birth Object ID", "Domain ID"};

    private final PrintStream out;
    private final Wim wim;
    private final SecurityData security;
    private final BlobText blobs;

    DentryText(PrintStream out, Wim wim, SecurityData security) {
        this.out = out;
        this.wim = wim;
        this.security = security;
        this.blobs = new BlobText(out);
    }

    /** The block of {@code d}, whose absolute path is {@code path}. */
    void print(Dentry d, String path) throws IOException {
        Inode inode = d.inode();
        int attributes = inode.attributes();
        out.print(RULE + "\n");
        out.print("Full Path           = \"" + path + "\"\n");
        out.print("Short Name          = \"" + d.shortName() + "\"\n");
        out.print("Attributes          = 0x" + String.format("%08x", attributes) + "\n");
        for (Object[] a : ATTRIBUTES) {
            if ((attributes & (Integer) a[0]) != 0) {
                out.print("    FILE_ATTRIBUTE_" + a[1] + " is set\n");
            }
        }
        byte[] sd = security.get(inode.securityId());
        if (sd != null) {
            out.print("Security Descriptor = " + HexFormat.of().formatHex(sd) + "\n");
        }
        out.print("Creation Time       = " + FileTimes.wimlibText(inode.creationTime()) + "\n");
        out.print("Last Write Time     = " + FileTimes.wimlibText(inode.lastWriteTime()) + "\n");
        out.print("Last Access Time    = " + FileTimes.wimlibText(inode.lastAccessTime()) + "\n");
        if (inode.isReparsePoint()) {
            out.print("Reparse Tag         = 0x" + Integer.toHexString(inode.reparseTag()) + "\n");
        }
        out.print("Link Group ID       = 0x" + String.format("%016x", inode.linkGroupId()) + "\n");
        out.print("Link Count          = " + inode.links().size() + "\n");
        UnixData u = inode.unixData();
        if (u != null && u.mode() != 0) {
            out.print("UNIX Data           = uid:" + Integer.toUnsignedString(u.uid()) + " gid:"
                    + Integer.toUnsignedString(u.gid()) + " mode:0" + Integer.toOctalString(u.mode()) + " rdev:0x"
                    + Integer.toHexString(u.rdev()) + "\n");
        }
        objectId(inode.taggedItem(TaggedItem.TAG_OBJECT_ID));
        printStreams(inode);
    }

    private void objectId(TaggedItem item) {
        if (item == null) {
            return;
        }
        byte[] id = java.util.Arrays.copyOf(item.data(), 64);
        for (int i = 0; i < OBJECT_ID_LABELS.length; i++) {
            boolean zero = true;
            for (int k = 16 * i; k < 16 * i + 16; k++) {
                zero &= id[k] == 0;
            }
            if (!zero) {
                out.print(String.format("%-20s", OBJECT_ID_LABELS[i]) + "= 0x"
                        + HexFormat.of().formatHex(id, 16 * i, 16 * i + 16) + "\n");
            }
        }
    }

    /**
     * The stream of the inode's kind first (raw encrypted data, reparse data or unnamed data; an
     * all-zero entry when it has none), then the named data streams.
     */
    private void printStreams(Inode inode) throws IOException {
        StreamEntry first;
        if (inode.hasAttribute(FileAttributes.ENCRYPTED)) {
            out.print("\tRaw encrypted data stream:\n");
            first = stream(inode, StreamEntry.Type.ENCRYPTED);
        } else if (inode.isReparsePoint()) {
            out.print("\tReparse point stream:\n");
            first = inode.reparseStream();
        } else {
            out.print("\tUnnamed data stream:\n");
            first = inode.unnamedData();
        }
        entry(first);
        for (StreamEntry s : inode.namedStreams()) {
            out.print("\tNamed data stream \"" + s.name() + "\":\n");
            entry(s);
        }
    }

    private static StreamEntry stream(Inode inode, StreamEntry.Type type) {
        for (StreamEntry s : inode.streams()) {
            if (s.type() == type) {
                return s;
            }
        }
        return null;
    }

    private void entry(StreamEntry s) throws IOException {
        if (s == null || s.isEmpty()) {
            blobs.empty();
            return;
        }
        BlobDescriptor b = wim.blob(s.hash());
        if (b == null) {
            blobs.missing(s.hash());
        } else {
            blobs.blob(b);
        }
    }
}
