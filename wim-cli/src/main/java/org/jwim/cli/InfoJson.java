package org.jwim.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.jwim.Wim;
import org.jwim.WimInfo;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.ResourceHeader;
import org.jwim.format.WimHeader;

/** {@code jwim info --json}: the facts of the text output (and of --header) as one JSON object. */
final class InfoJson {
    private final Wim wim;
    private final String wimArg;
    private final WimlibXml xml;

    InfoJson(Wim wim, String wimArg, WimlibXml xml) {
        this.wim = wim;
        this.wimArg = wimArg;
        this.xml = xml;
    }

    void write(PrintStream out, int image, boolean withBlobs, boolean withXml) throws IOException {
        WimHeader h = wim.header();
        WimInfo info = wim.info();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("path", wimArg);
            g.writeStringField("guid", h.guidHex());
            g.writeNumberField("version", Integer.toUnsignedLong(h.version()));
            g.writeNumberField("image_count", h.imageCount());
            g.writeStringField("compression", InfoText.compressionName(h));
            g.writeNumberField("chunk_size", Integer.toUnsignedLong(h.chunkSize()));
            g.writeNumberField("part_number", h.partNumber());
            g.writeNumberField("total_parts", h.totalParts());
            g.writeNumberField("boot_index", h.bootIndex());
            g.writeFieldName("size");
            Json.unsigned(g, XmlValues.number(xml.root(), "TOTALBYTES"));
            g.writeNumberField("file_size", info.fileSize());
            g.writeArrayFieldStart("attributes");
            for (String a : info.attributes()) {
                g.writeString(a);
            }
            g.writeEndArray();
            header(g, h);
            g.writeArrayFieldStart("images");
            for (int i = 1; i <= wim.imageCount(); i++) {
                if (image == ImageSelection.ALL || image == i) {
                    image(g, i);
                }
            }
            g.writeEndArray();
            if (withBlobs) {
                g.writeArrayFieldStart("blobs");
                for (BlobDescriptor b : BlobText.wimlibOrder(wim.blobTable(), h.partNumber() == 1)) {
                    blob(g, b);
                }
                g.writeEndArray();
            }
            if (withXml) {
                g.writeStringField("xml", InfoCommand.xmlText(wim));
            }
            g.writeEndObject();
        }
        out.print("\n");
    }

    private static void header(JsonGenerator g, WimHeader h) throws IOException {
        g.writeObjectFieldStart("header");
        g.writeStringField("magic", InfoText.magicText(h));
        g.writeBooleanField("pipable", h.pipable());
        g.writeNumberField("header_size", WimHeader.SIZE);
        g.writeNumberField("version", Integer.toUnsignedLong(h.version()));
        g.writeNumberField("flags", Integer.toUnsignedLong(h.flags()));
        g.writeArrayFieldStart("flag_names");
        for (String f : InfoText.headerFlagNames(h.flags())) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeNumberField("chunk_size", Integer.toUnsignedLong(h.chunkSize()));
        g.writeStringField("guid", h.guidHex());
        g.writeNumberField("part_number", h.partNumber());
        g.writeNumberField("total_parts", h.totalParts());
        g.writeNumberField("image_count", Integer.toUnsignedLong(h.imageCount()));
        resource(g, "blob_table", h.blobTable());
        resource(g, "xml_data", h.xmlData());
        resource(g, "boot_metadata", h.bootMetadata());
        g.writeNumberField("boot_index", Integer.toUnsignedLong(h.bootIndex()));
        resource(g, "integrity_table", h.integrityTable());
        g.writeEndObject();
    }

    private static void resource(JsonGenerator g, String name, ResourceHeader r) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("size", r.sizeInWim());
        g.writeNumberField("flags", r.flags() & 0xFF);
        g.writeFieldName("offset");
        Json.unsigned(g, r.offset());
        g.writeFieldName("original_size");
        Json.unsigned(g, r.uncompressedSize());
        g.writeEndObject();
    }

    private void image(JsonGenerator g, int index) throws IOException {
        WimlibXml.Node e = xml.image(index);
        g.writeStartObject();
        g.writeNumberField("index", index);
        g.writeStringField("name", orEmpty(XmlValues.text(e, "NAME")));
        g.writeStringField("description", orEmpty(XmlValues.text(e, "DESCRIPTION")));
        Json.string(g, "display_name", XmlValues.text(e, "DISPLAYNAME"));
        Json.string(g, "display_description", XmlValues.text(e, "DISPLAYDESCRIPTION"));
        number(g, "dir_count", e, "DIRCOUNT");
        number(g, "file_count", e, "FILECOUNT");
        number(g, "total_bytes", e, "TOTALBYTES");
        number(g, "hard_link_bytes", e, "HARDLINKBYTES");
        Json.time(g, "creation_time", XmlValues.time(e, "CREATIONTIME"));
        Json.time(g, "last_modification_time", XmlValues.time(e, "LASTMODIFICATIONTIME"));
        Json.string(g, "flags", XmlValues.text(e, "FLAGS"));
        g.writeBooleanField("wimboot", XmlValues.number(e, "WIMBOOT") != 0);
        windows(g, e.find("WINDOWS"));
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, String> p : wim.images().get(index - 1).properties().entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void windows(JsonGenerator g, WimlibXml.Node w) throws IOException {
        if (w == null) {
            g.writeNullField("windows");
            return;
        }
        g.writeObjectFieldStart("windows");
        long arch = XmlValues.number(w, "ARCH");
        g.writeFieldName("arch");
        Json.unsigned(g, arch);
        g.writeStringField("architecture", InfoText.architectureName(arch));
        Json.string(g, "product_name", XmlValues.text(w, "PRODUCTNAME"));
        Json.string(g, "edition_id", XmlValues.text(w, "EDITIONID"));
        Json.string(g, "installation_type", XmlValues.text(w, "INSTALLATIONTYPE"));
        Json.string(g, "hal", XmlValues.text(w, "HAL"));
        Json.string(g, "product_type", XmlValues.text(w, "PRODUCTTYPE"));
        Json.string(g, "product_suite", XmlValues.text(w, "PRODUCTSUITE"));
        WimlibXml.Node langs = w.find("LANGUAGES");
        if (langs != null) {
            g.writeArrayFieldStart("languages");
            for (String l : InfoText.languages(langs)) {
                g.writeString(l);
            }
            g.writeEndArray();
            Json.string(g, "default_language", XmlValues.text(langs, "DEFAULT"));
        }
        Json.string(g, "system_root", XmlValues.text(w, "SYSTEMROOT"));
        WimlibXml.Node v = w.find("VERSION");
        if (v != null) {
            g.writeObjectFieldStart("version");
            number(g, "major", v, "MAJOR");
            number(g, "minor", v, "MINOR");
            number(g, "build", v, "BUILD");
            number(g, "sp_build", v, "SPBUILD");
            number(g, "sp_level", v, "SPLEVEL");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A blob as info --blobs shows it. */
    static void blob(JsonGenerator g, BlobDescriptor b) throws IOException {
        ResourceHeader rh = b.resource().header();
        g.writeStartObject();
        g.writeStringField("sha1", b.hash().toString());
        g.writeNumberField("size", b.size());
        g.writeBooleanField("metadata", b.isMetadata());
        g.writeBooleanField("solid", b.resource().isSolid());
        g.writeBooleanField("compressed", b.resource().isCompressed());
        g.writeNumberField("resource_offset", rh.offset());
        g.writeNumberField("resource_size_in_wim", rh.sizeInWim());
        g.writeNumberField("resource_uncompressed_size", b.resource().uncompressedSize());
        g.writeNumberField("offset_in_resource", b.offsetInResource());
        g.writeNumberField("part_number", b.partNumber());
        g.writeNumberField("reference_count", Integer.toUnsignedLong(b.refCount()));
        g.writeStringField("flags", BlobText.flagsText(b).trim());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, WimlibXml.Node e, String path) throws IOException {
        g.writeFieldName(name);
        Json.unsigned(g, XmlValues.number(e, path));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
