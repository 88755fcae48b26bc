package org.jwim.cli;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.List;
import org.jwim.Wim;
import org.jwim.WimInfo;
import org.jwim.format.ResourceHeader;
import org.jwim.format.WimHeader;

/**
 * The text of {@code wimlib-imagex info} 1.13.5: the "WIM Information" block, the header dump of
 * {@code --header} and the per-image blocks, line for line.
 */
final class InfoText {
    /** Header flags in the order wimlib lists them (LZX before XPRESS). */
    private static final Object[][] HEADER_FLAGS = {
        {WimHeader.FLAG_RESERVED, "RESERVED"},
        {WimHeader.FLAG_COMPRESSION, "COMPRESSION"},
        {WimHeader.FLAG_READONLY, "READONLY"},
        {WimHeader.FLAG_SPANNED, "SPANNED"},
        {WimHeader.FLAG_RESOURCE_ONLY, "RESOURCE_ONLY"},
        {WimHeader.FLAG_METADATA_ONLY, "METADATA_ONLY"},
        {WimHeader.FLAG_WRITE_IN_PROGRESS, "WRITE_IN_PROGRESS"},
        {WimHeader.FLAG_RP_FIX, "RP_FIX"},
        {WimHeader.FLAG_COMPRESS_RESERVED, "COMPRESS_RESERVED"},
        {WimHeader.FLAG_COMPRESS_LZX, "COMPRESS_LZX"},
        {WimHeader.FLAG_COMPRESS_XPRESS, "COMPRESS_XPRESS"},
        {WimHeader.FLAG_COMPRESS_LZMS, "COMPRESS_LZMS"},
        {WimHeader.FLAG_COMPRESS_XPRESS_2, "COMPRESS_XPRESS_2"},
    };

    /** PROCESSOR_ARCHITECTURE_* values wimlib names; others are "unknown". */
    private static final String[] ARCHITECTURES = {"x86", "MIPS", null, null, null, "ARM", "ia64", null, null,
        "x86_64", null, null, "ARM64"};

    private final PrintStream out;
    private final WimlibXml xml;

    InfoText(PrintStream out, WimlibXml xml) {
        this.out = out;
        this.xml = xml;
    }

    /** The "WIM Information:" block; {@code pathArg} is the WIM as the user wrote it. */
    void wimInformation(String pathArg, Wim wim) {
        WimInfo info = wim.info();
        WimHeader h = wim.header();
        out.print("WIM Information:\n");
        out.print("----------------\n");
        out.print("Path:           " + pathArg + "\n");
        out.print("GUID:           0x" + h.guidHex() + "\n");
        out.print("Version:        " + Integer.toUnsignedString(h.version()) + "\n");
        out.print("Image Count:    " + h.imageCount() + "\n");
        out.print("Compression:    " + compressionName(h) + "\n");
        out.print("Chunk Size:     " + Integer.toUnsignedString(h.chunkSize()) + " bytes\n");
        out.print("Part Number:    " + h.partNumber() + "/" + h.totalParts() + "\n");
        out.print("Boot Index:     " + h.bootIndex() + "\n");
        out.print("Size:           " + Long.toUnsignedString(XmlValues.number(xml.root(), "TOTALBYTES")) + " bytes\n");
        out.print("Attributes:     " + String.join(", ", info.attributes()) + "\n\n");
    }

    /** The compression name wimlib shows: it tests the LZX flag before XPRESS and LZMS. */
    static String compressionName(WimHeader h) {
        if (!h.hasFlag(WimHeader.FLAG_COMPRESSION)) {
            return "None";
        }
        if (h.hasFlag(WimHeader.FLAG_COMPRESS_LZX)) {
            return "LZX";
        }
        if (h.hasFlag(WimHeader.FLAG_COMPRESS_XPRESS) || h.hasFlag(WimHeader.FLAG_COMPRESS_XPRESS_2)) {
            return "XPRESS";
        }
        if (h.hasFlag(WimHeader.FLAG_COMPRESS_LZMS)) {
            return "LZMS";
        }
        return "Invalid";
    }

    /** Names of the set header flags, "WIM_HDR_FLAG_..." in wimlib's order. */
    static List<String> headerFlagNames(int flags) {
        List<String> l = new java.util.ArrayList<>();
        for (Object[] f : HEADER_FLAGS) {
            if ((flags & (Integer) f[0]) != 0) {
                l.add("WIM_HDR_FLAG_" + f[1]);
            }
        }
        return l;
    }

    /** The magic as wimlib prints it: letters as themselves, other bytes as "\" and octal. */
    static String magicText(WimHeader h) {
        byte[] magic = h.pipable() ? WimHeader.PIPABLE_MAGIC : WimHeader.MAGIC;
        StringBuilder b = new StringBuilder();
        for (byte m : magic) {
            int c = m & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                b.append((char) c);
            } else {
                b.append('\\').append(Integer.toOctalString(c));
            }
        }
        return b.toString();
    }

    /** The dump of {@code --header}. */
    void header(WimHeader h) {
        out.print("Magic Characters            = " + magicText(h) + "\n");
        out.print("Header Size                 = " + WimHeader.SIZE + "\n");
        out.print("Version                     = 0x" + Integer.toHexString(h.version()) + "\n");
        out.print("Flags                       = 0x" + Integer.toHexString(h.flags()) + "\n");
        for (String name : headerFlagNames(h.flags())) {
            out.print("    " + name + " is set\n");
        }
        out.print("Chunk Size                  = " + Integer.toUnsignedString(h.chunkSize()) + "\n");
        out.print("GUID                        = " + HexFormat.of().formatHex(h.guid()) + "\n");
        out.print("Part Number                 = " + h.partNumber() + "\n");
        out.print("Total Parts                 = " + h.totalParts() + "\n");
        out.print("Image Count                 = " + Integer.toUnsignedString(h.imageCount()) + "\n");
        resource("Blob Table", "Original_size", h.blobTable());
        resource("XML Data", "Original Size", h.xmlData());
        resource("Boot Metadata", "Original Size", h.bootMetadata());
        out.print("Boot Index                  = " + Integer.toUnsignedString(h.bootIndex()) + "\n");
        resource("Integrity", "Original_size", h.integrityTable());
    }

    /** Four lines per resource header; wimlib spells "Original_size" or "Original Size" by resource. */
    private void resource(String name, String originalLabel, ResourceHeader r) {
        out.print(pad(name + " Size") + "= " + r.sizeInWim() + "\n");
        out.print(pad(name + " Flags") + "= 0x" + Integer.toHexString(r.flags() & 0xFF) + "\n");
        out.print(pad(name + " Offset") + "= " + Long.toUnsignedString(r.offset()) + "\n");
        out.print(pad(name + " " + originalLabel) + "= " + Long.toUnsignedString(r.uncompressedSize()) + "\n");
    }

    private static String pad(String label) {
        return String.format("%-28s", label);
    }

    /**
     * "Available Images:" and every image's block, or "Information for Image N" and that image's
     * block when {@code image} is one index.
     */
    void images(Wim wim, int image) {
        String title = image == ImageSelection.ALL ? "Available Images:" : "Information for Image " + image;
        out.print(title + "\n" + "-".repeat(title.length()) + "\n");
        for (int i = 1; i <= wim.imageCount(); i++) {
            if (image == ImageSelection.ALL || image == i) {
                image(i, xml.image(i));
            }
        }
    }

    /** One image's block, ending with an empty line. */
    private void image(int index, WimlibXml.Node e) {
        out.print("Index:                  " + index + "\n");
        out.print("Name:                   " + orEmpty(XmlValues.text(e, "NAME")) + "\n");
        out.print("Description:            " + orEmpty(XmlValues.text(e, "DESCRIPTION")) + "\n");
        optional("Display Name:           ", XmlValues.text(e, "DISPLAYNAME"));
        optional("Display Description:    ", XmlValues.text(e, "DISPLAYDESCRIPTION"));
        out.print("Directory Count:        " + unsigned(XmlValues.number(e, "DIRCOUNT")) + "\n");
        out.print("File Count:             " + unsigned(XmlValues.number(e, "FILECOUNT")) + "\n");
        out.print("Total Bytes:            " + unsigned(XmlValues.number(e, "TOTALBYTES")) + "\n");
        out.print("Hard Link Bytes:        " + unsigned(XmlValues.number(e, "HARDLINKBYTES")) + "\n");
        out.print("Creation Time:          " + FileTimes.wimlibText(XmlValues.time(e, "CREATIONTIME")) + "\n");
        out.print("Last Modification Time: " + FileTimes.wimlibText(XmlValues.time(e, "LASTMODIFICATIONTIME")) + "\n");
        windows(e.find("WINDOWS"));
        optional("Flags:                  ", XmlValues.text(e, "FLAGS"));
        out.print("WIMBoot compatible:     " + (XmlValues.number(e, "WIMBOOT") != 0 ? "yes" : "no") + "\n");
        out.print("\n");
    }

    /** The lines wimlib prints from the WINDOWS element, if there is one. */
    private void windows(WimlibXml.Node w) {
        if (w == null) {
            return;
        }
        out.print("Architecture:           " + architectureName(XmlValues.number(w, "ARCH")) + "\n");
        optional("Product Name:           ", XmlValues.text(w, "PRODUCTNAME"));
        optional("Edition ID:             ", XmlValues.text(w, "EDITIONID"));
        optional("Installation Type:      ", XmlValues.text(w, "INSTALLATIONTYPE"));
        optional("HAL:                    ", XmlValues.text(w, "HAL"));
        optional("Product Type:           ", XmlValues.text(w, "PRODUCTTYPE"));
        optional("Product Suite:          ", XmlValues.text(w, "PRODUCTSUITE"));
        WimlibXml.Node langs = w.find("LANGUAGES");
        if (langs != null) {
            StringBuilder b = new StringBuilder("Languages:              ");
            for (String lang : languages(langs)) {
                b.append(lang).append(' ');
            }
            out.print(b + "\n");
            optional("Default Language:       ", XmlValues.text(langs, "DEFAULT"));
        }
        optional("System Root:            ", XmlValues.text(w, "SYSTEMROOT"));
        WimlibXml.Node v = w.find("VERSION");
        if (v != null) {
            out.print("Major Version:          " + unsigned(XmlValues.number(v, "MAJOR")) + "\n");
            out.print("Minor Version:          " + unsigned(XmlValues.number(v, "MINOR")) + "\n");
            out.print("Build:                  " + unsigned(XmlValues.number(v, "BUILD")) + "\n");
            out.print("Service Pack Build:     " + unsigned(XmlValues.number(v, "SPBUILD")) + "\n");
            out.print("Service Pack Level:     " + unsigned(XmlValues.number(v, "SPLEVEL")) + "\n");
        }
    }

    /** The LANGUAGE texts of a LANGUAGES element, in document order. */
    static List<String> languages(WimlibXml.Node langs) {
        List<String> l = new java.util.ArrayList<>();
        for (WimlibXml.Node c : langs.children) {
            String t = c.name.equals("LANGUAGE") ? c.text : null;
            if (t != null) {
                l.add(t);
            }
        }
        return l;
    }

    /** wimlib's name of a PROCESSOR_ARCHITECTURE value. */
    static String architectureName(long arch) {
        if (arch >= 0 && arch < ARCHITECTURES.length && ARCHITECTURES[(int) arch] != null) {
            return ARCHITECTURES[(int) arch];
        }
        return "unknown";
    }

    private void optional(String label, String value) {
        if (value != null) {
            out.print(label + value + "\n");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String unsigned(long v) {
        return Long.toUnsignedString(v);
    }
}
