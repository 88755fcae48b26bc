package org.jwim.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Sha1Hash;
import org.jwim.compression.LittleEndian;
import org.jwim.format.XmlElement;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.ReparsePoint;
import org.jwim.image.SecurityData;
import org.jwim.image.StreamEntry;
import org.jwim.image.SymlinkReparse;
import org.jwim.image.TaggedItem;
import org.jwim.write.BytesBlobSource;
import org.jwim.write.NewImage;
import org.jwim.write.PendingStream;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * An image built by hand, entry by entry, to write as a WIM with jwim's writer: how the tests make
 * the hostile images no real tool would write.
 */
final class CraftedImage {
    /** Times every entry gets (2021-01-01T00:00:00Z as a FILETIME), access one hour later. */
    static final long TIME = 132539328000000000L;
    static final long ATIME = TIME + 36_000_000_000L;

    final Dentry root;
    private final List<Inode> inodes = new ArrayList<>();
    private final List<PendingStream> pending = new ArrayList<>();

    CraftedImage() {
        root = new Dentry("", inode(FileAttributes.DIRECTORY));
    }

    private Inode inode(int attributes) {
        Inode i = new Inode();
        i.setAttributes(attributes);
        i.setTimes(TIME, ATIME, TIME);
        inodes.add(i);
        return i;
    }

    private static Dentry add(Dentry parent, Dentry child) {
        if (!parent.addChild(child)) {
            throw new IllegalArgumentException("duplicate " + child.name());
        }
        return child;
    }

    Dentry dir(Dentry parent, String name) {
        return add(parent, new Dentry(name, inode(FileAttributes.DIRECTORY)));
    }

    Dentry file(Dentry parent, String name, String text) {
        return file(parent, name, text.getBytes(StandardCharsets.UTF_8));
    }

    Dentry file(Dentry parent, String name, byte[] data) {
        Inode i = inode(FileAttributes.NORMAL);
        i.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, data.length));
        if (data.length > 0) {
            pending.add(new PendingStream(i, 0, new BytesBlobSource(data, name)));
        }
        return add(parent, new Dentry(name, i));
    }

    /** Another name for {@code existing}'s inode. */
    Dentry hardLink(Dentry parent, String name, Dentry existing) {
        return add(parent, new Dentry(name, existing.inode()));
    }

    /** A symbolic link as wimlib captures one (absolute targets marked not fixed unless {@code fixed}). */
    Dentry symlink(Dentry parent, String name, String unixTarget, boolean directory, boolean fixed) {
        byte[] data = SymlinkReparse.forUnixTarget(unixTarget);
        return reparse(parent, name, ReparsePoint.TAG_SYMLINK, data, directory, fixed ? 0 : ReparsePoint.RP_NOT_FIXED);
    }

    /** A reparse point with any data. */
    Dentry reparse(Dentry parent, String name, int tag, byte[] data, boolean directory, int rpFlags) {
        Inode i = inode(FileAttributes.REPARSE_POINT | (directory ? FileAttributes.DIRECTORY : 0));
        i.setReparse(tag, 0, rpFlags);
        i.streams().add(new StreamEntry(StreamEntry.Type.REPARSE, "", Sha1Hash.ZERO, data.length));
        pending.add(new PendingStream(i, 0, new BytesBlobSource(data, name + " (reparse)")));
        if (!directory) {
            i.streams().add(new StreamEntry(StreamEntry.Type.DATA, "", Sha1Hash.ZERO, 0));
        }
        return add(parent, new Dentry(name, i));
    }

    /** Gives {@code d}'s inode wimlib's UNIX data. */
    static void unixData(Dentry d, int uid, int gid, int mode, int rdev) {
        byte[] b = new byte[16];
        LittleEndian.putInt(b, 0, uid);
        LittleEndian.putInt(b, 4, gid);
        LittleEndian.putInt(b, 8, mode);
        LittleEndian.putInt(b, 12, rdev);
        d.inode().taggedItems().add(new TaggedItem(TaggedItem.TAG_WIMLIB_UNIX_DATA, b));
    }

    /** Writes the image as an uncompressed WIM (header flag RP_FIX set) at {@code wim}. */
    Path write(Path wim) throws IOException {
        XmlElement xml = new XmlElement("IMAGE");
        XmlElement name = new XmlElement("NAME");
        name.setText("crafted");
        xml.children().add(name);
        ImageTree tree = new ImageTree(root, new SecurityData(List.of()), inodes, List.of());
        WimWriter.create(wim, List.of(new NewImage(tree, pending, xml)), WriteOptions.uncompressed(),
                WimWriter.Target.defaults(), null);
        return wim;
    }
}
