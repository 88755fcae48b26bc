package org.jwim;

import java.util.Map;
import org.jwim.format.XmlElement;

/**
 * What the XML data says about one image. Numbers that are absent or unreadable are 0; text that
 * is absent is null (except {@link #name()} and {@link #description()}, which are "" as wimlib
 * prints them).
 */
public final class ImageInfo {
    private final int index;
    private final XmlElement element;

    public ImageInfo(int index, XmlElement element) {
        this.index = index;
        this.element = element;
    }

    /** 1-based image index. */
    public int index() {
        return index;
    }

    public String name() {
        String s = element.findText("NAME");
        return s == null ? "" : s;
    }

    public String description() {
        String s = element.findText("DESCRIPTION");
        return s == null ? "" : s;
    }

    public String displayName() {
        return element.findText("DISPLAYNAME");
    }

    public String displayDescription() {
        return element.findText("DISPLAYDESCRIPTION");
    }

    /** The FLAGS property (an edition id such as "Professional"), or null. */
    public String flags() {
        return element.findText("FLAGS");
    }

    public long dirCount() {
        return number("DIRCOUNT");
    }

    public long fileCount() {
        return number("FILECOUNT");
    }

    public long totalBytes() {
        return number("TOTALBYTES");
    }

    public long hardLinkBytes() {
        return number("HARDLINKBYTES");
    }

    /** CREATIONTIME as a FILETIME (100 ns since 1601), 0 if absent. */
    public long creationTime() {
        return fileTime("CREATIONTIME");
    }

    /** LASTMODIFICATIONTIME as a FILETIME, 0 if absent. */
    public long lastModificationTime() {
        return fileTime("LASTMODIFICATIONTIME");
    }

    /** Whether WIMBOOT is 1. */
    public boolean wimboot() {
        return number("WIMBOOT") == 1;
    }

    /** The text of a property path such as "WINDOWS/EDITIONID" or "WINDOWS/LANGUAGES/LANGUAGE[2]", or null. */
    public String property(String path) {
        return element.findText(path);
    }

    /** Every property with text, as path to text ("CREATIONTIME/HIGHPART" to "0x01CDEBD7"). */
    public Map<String, String> properties() {
        return element.flatten();
    }

    /** The IMAGE element itself (live). */
    public XmlElement element() {
        return element;
    }

    private long number(String path) {
        String s = element.findText(path);
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long fileTime(String path) {
        XmlElement t = element.find(path);
        if (t == null) {
            return 0;
        }
        return (hex(t.findText("HIGHPART")) << 32) | hex(t.findText("LOWPART"));
    }

    private static long hex(String s) {
        if (s == null) {
            return 0;
        }
        s = s.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        try {
            return Long.parseLong(s, 16) & 0xFFFFFFFFL;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "image " + index + " \"" + name() + "\"";
    }
}
