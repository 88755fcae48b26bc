package org.jwim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.compression.CompressionType;
import org.jwim.format.WimHeader;

/**
 * What a WIM's header says about it, as {@code wimlib-imagex info} shows it.
 *
 * @param path          the file
 * @param header        the header itself
 * @param fileSize      size of the file in bytes
 * @param hasIntegrity  whether it has an integrity table
 */
public record WimInfo(Path path, WimHeader header, long fileSize, boolean hasIntegrity) {

    public String guid() {
        return header.guidHex();
    }

    public int version() {
        return header.version();
    }

    public int imageCount() {
        return header.imageCount();
    }

    public CompressionType compressionType() {
        return header.compressionType();
    }

    /** Chunk size of non-solid compressed resources (0 for uncompressed WIMs). */
    public int chunkSize() {
        return header.compressionType() == CompressionType.NONE ? 0 : header.chunkSize();
    }

    public int partNumber() {
        return header.partNumber();
    }

    public int totalParts() {
        return header.totalParts();
    }

    /** 1-based index of the bootable image, 0 for none. */
    public int bootIndex() {
        return header.bootIndex();
    }

    public boolean pipable() {
        return header.pipable();
    }

    /** Whether the version is the solid ("ESD") one, 0xE00. */
    public boolean solidVersion() {
        return header.version() == WimHeader.VERSION_SOLID;
    }

    public boolean readOnly() {
        return header.hasFlag(WimHeader.FLAG_READONLY);
    }

    public boolean relativePathJunction() {
        return header.hasFlag(WimHeader.FLAG_RP_FIX);
    }

    /** The "Attributes" line of wimlib-imagex info, as a list in wimlib's order. */
    public List<String> attributes() {
        List<String> l = new ArrayList<>();
        if (pipable()) {
            l.add("Pipable");
        }
        if (hasIntegrity) {
            l.add("Integrity info");
        }
        if (relativePathJunction()) {
            l.add("Relative path junction");
        }
        if (header.hasFlag(WimHeader.FLAG_RESOURCE_ONLY)) {
            l.add("Resource only");
        }
        if (header.hasFlag(WimHeader.FLAG_METADATA_ONLY)) {
            l.add("Metadata only");
        }
        if (readOnly()) {
            l.add("Readonly");
        }
        return l;
    }
}
