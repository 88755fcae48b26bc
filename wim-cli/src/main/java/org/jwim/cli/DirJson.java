package org.jwim.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jwim.Image;
import org.jwim.image.Dentry;
import org.jwim.image.FileAttributes;
import org.jwim.image.Inode;
import org.jwim.image.ReparsePoint;
import org.jwim.image.StreamEntry;
import org.jwim.image.UnixData;

/** One object of {@code jwim dir --json} per file. */
final class DirJson {
    private final JsonGenerator g;
    private final Image image;

    DirJson(JsonGenerator g, Image image) {
        this.g = g;
        this.image = image;
    }

    /** The object of {@code d}, whose absolute path is {@code path}. */
    void write(Dentry d, String path) throws IOException {
        Inode inode = d.inode();
        g.writeStartObject();
        g.writeNumberField("image", image.index());
        g.writeStringField("path", path);
        g.writeStringField("name", d.name());
        g.writeStringField("short_name", d.shortName());
        ReparsePoint rp = reparsePoint(d);
        g.writeStringField("type", type(inode));
        StreamEntry data = inode.unnamedData();
        g.writeNumberField("size", data == null ? 0 : data.size());
        Json.hash(g, "sha1", data == null ? null : data.hash());
        g.writeNumberField("attributes", Integer.toUnsignedLong(inode.attributes()));
        g.writeArrayFieldStart("attribute_names");
        for (String a : FileAttributes.names(inode.attributes())) {
            g.writeString(a);
        }
        g.writeEndArray();
        Json.time(g, "creation_time", inode.creationTime());
        Json.time(g, "last_write_time", inode.lastWriteTime());
        Json.time(g, "last_access_time", inode.lastAccessTime());
        if (inode.isReparsePoint()) {
            g.writeNumberField("reparse_tag", Integer.toUnsignedLong(inode.reparseTag()));
            if (rp != null) {
                g.writeStringField("link_target", rp.printName().isEmpty() ? rp.substituteName() : rp.printName());
                g.writeStringField("substitute_name", rp.substituteName());
                g.writeStringField("print_name", rp.printName());
                g.writeBooleanField("relative", rp.relative());
            }
        }
        g.writeNumberField("security_id", inode.securityId());
        g.writeNumberField("hard_link_group", inode.linkGroupId());
        g.writeNumberField("link_count", inode.links().size());
        UnixData u = inode.unixData();
        if (u != null) {
            g.writeObjectFieldStart("unix");
            g.writeNumberField("uid", Integer.toUnsignedLong(u.uid()));
            g.writeNumberField("gid", Integer.toUnsignedLong(u.gid()));
            g.writeStringField("mode", "0" + Integer.toOctalString(u.mode()));
            g.writeNumberField("rdev", Integer.toUnsignedLong(u.rdev()));
            g.writeEndObject();
        }
        g.writeArrayFieldStart("streams");
        for (StreamEntry s : inode.streams()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("type", s.type().name().toLowerCase(java.util.Locale.ROOT));
            g.writeNumberField("size", s.size());
            Json.hash(g, "sha1", s.hash());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The decoded link, or null when it is none or its data is in no part given. */
    private ReparsePoint reparsePoint(Dentry d) throws IOException {
        StreamEntry s = d.inode().isReparsePoint() ? d.inode().reparseStream() : null;
        if (s == null || s.isEmpty() || !s.isAvailable()) {
            return null;
        }
        return image.reparsePoint(d);
    }

    private static String type(Inode inode) {
        if (inode.isReparsePoint()) {
            if (inode.reparseTag() == ReparsePoint.TAG_SYMLINK) {
                return "symlink";
            }
            if (inode.reparseTag() == ReparsePoint.TAG_MOUNT_POINT) {
                return "junction";
            }
            return "reparse_point";
        }
        return inode.isDirectory() ? "directory" : "file";
    }
}
