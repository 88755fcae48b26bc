package org.jwim.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jwim.compression.LittleEndian;

/**
 * A file as the image stores it: attributes, security descriptor index, times, streams, reparse
 * tag, UNIX data and other tagged items. One inode has one name per hard link ({@link #links()}).
 * Times are Windows FILETIMEs (100 ns units since 1601-01-01 UTC).
 */
public final class Inode {
    private int attributes;
    private int securityId = -1;
    private long creationTime;
    private long lastAccessTime;
    private long lastWriteTime;
    private int reparseTag;
    private int reparseReserved;
    private int reparseFlags;
    private long linkGroupId;
    private int unknown0x54;
    private final List<StreamEntry> streams = new ArrayList<>();
    private final List<TaggedItem> taggedItems = new ArrayList<>();
    private final List<Dentry> links = new ArrayList<>(1);

    public int attributes() {
        return attributes;
    }

    public void setAttributes(int attributes) {
        this.attributes = attributes;
    }

    public boolean hasAttribute(int attribute) {
        return (attributes & attribute) != 0;
    }

    /**
     * Whether this is a directory that holds children: FILE_ATTRIBUTE_DIRECTORY without
     * FILE_ATTRIBUTE_REPARSE_POINT, as wimlib decides it. A directory symlink or junction has the
     * DIRECTORY attribute but is a link, not a directory.
     */
    public boolean isDirectory() {
        return hasAttribute(FileAttributes.DIRECTORY) && !hasAttribute(FileAttributes.REPARSE_POINT);
    }

    public boolean isReparsePoint() {
        return hasAttribute(FileAttributes.REPARSE_POINT);
    }

    /** Index into the image's security descriptors, or -1 for none. */
    public int securityId() {
        return securityId;
    }

    public void setSecurityId(int securityId) {
        this.securityId = securityId;
    }

    public long creationTime() {
        return creationTime;
    }

    public long lastAccessTime() {
        return lastAccessTime;
    }

    public long lastWriteTime() {
        return lastWriteTime;
    }

    public void setTimes(long creation, long lastAccess, long lastWrite) {
        this.creationTime = creation;
        this.lastAccessTime = lastAccess;
        this.lastWriteTime = lastWrite;
    }

    /** The reparse tag (IO_REPARSE_TAG_*), meaningful only for reparse points. */
    public int reparseTag() {
        return reparseTag;
    }

    /** The reserved 16-bit field of the reparse buffer header. */
    public int reparseReserved() {
        return reparseReserved;
    }

    /** wimlib's reparse flags (0x0001: target not fixed by RP_FIX). */
    public int reparseFlags() {
        return reparseFlags;
    }

    public void setReparse(int tag, int reserved, int flags) {
        this.reparseTag = tag;
        this.reparseReserved = reserved;
        this.reparseFlags = flags;
    }

    /** The hard-link group id stored on disk (0 = single name); for reparse points always 0. */
    public long linkGroupId() {
        return linkGroupId;
    }

    public void setLinkGroupId(long id) {
        this.linkGroupId = id;
    }

    /** The 4 unknown bytes at dentry offset 0x54, kept for rewriting. */
    public int unknown0x54() {
        return unknown0x54;
    }

    public void setUnknown0x54(int v) {
        this.unknown0x54 = v;
    }

    /** All streams (unnamed data, reparse data, named streams), live list. */
    public List<StreamEntry> streams() {
        return streams;
    }

    /** The unnamed data stream, or null (directories and some reparse points have none). */
    public StreamEntry unnamedData() {
        for (StreamEntry s : streams) {
            if (s.type() != StreamEntry.Type.REPARSE && !s.isNamed()) {
                return s;
            }
        }
        return null;
    }

    /** The reparse data stream, or null. */
    public StreamEntry reparseStream() {
        for (StreamEntry s : streams) {
            if (s.type() == StreamEntry.Type.REPARSE) {
                return s;
            }
        }
        return null;
    }

    /** The named data streams. */
    public List<StreamEntry> namedStreams() {
        List<StreamEntry> l = new ArrayList<>();
        for (StreamEntry s : streams) {
            if (s.isNamed()) {
                l.add(s);
            }
        }
        return l;
    }

    /** The named stream called {@code name} (case-sensitive), or null. */
    public StreamEntry namedStream(String name) {
        for (StreamEntry s : streams) {
            if (s.isNamed() && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Size of the unnamed data (0 if none or empty, -1 if its blob is missing). */
    public long size() {
        StreamEntry s = unnamedData();
        return s == null ? 0 : s.size();
    }

    /** Tagged items of the dentry's extra data, in stored order, live list. */
    public List<TaggedItem> taggedItems() {
        return taggedItems;
    }

    /** The first tagged item with {@code tag}, or null. */
    public TaggedItem taggedItem(int tag) {
        for (TaggedItem t : taggedItems) {
            if (t.tag() == tag) {
                return t;
            }
        }
        return null;
    }

    /** wimlib's UNIX data, or null when the image was captured without it. */
    public UnixData unixData() {
        TaggedItem t = taggedItem(TaggedItem.TAG_WIMLIB_UNIX_DATA);
        if (t == null || t.data().length < 16) {
            return null;
        }
        byte[] d = t.data();
        return new UnixData(LittleEndian.getInt(d, 0), LittleEndian.getInt(d, 4), LittleEndian.getInt(d, 8),
                LittleEndian.getInt(d, 12));
    }

    /** The names of this inode (one per hard link), in tree order. */
    public List<Dentry> links() {
        return Collections.unmodifiableList(links);
    }

    void addLink(Dentry d) {
        links.add(d);
    }

    void removeLink(Dentry d) {
        links.remove(d);
    }
}
