package org.jwim.io;

import java.io.IOException;
import org.jwim.WimFormatException;
import org.jwim.compression.CompressionType;
import org.jwim.format.ChunkTable;
import org.jwim.format.ResourceHeader;
import org.jwim.format.SolidHeader;

/**
 * A resource in a WIM part: raw bytes, a chunked compressed resource (plain or pipable layout),
 * or a solid resource. Its chunk table is read on first use. Thread-safe.
 */
public final class WimResource {
    /** How the bytes of a resource are laid out. */
    public enum Kind { RAW, CHUNKED, PIPABLE_CHUNKED, SOLID }

    private final WimPart part;
    private final ResourceHeader header;
    private final Kind kind;
    private final CompressionType type;
    private final int chunkSize;
    private final long uncompressedSize;
    private volatile ChunkTable chunks;

    private WimResource(WimPart part, ResourceHeader header, Kind kind, CompressionType type, int chunkSize,
                        long uncompressedSize) {
        this.part = part;
        this.header = header;
        this.kind = kind;
        this.type = type;
        this.chunkSize = chunkSize;
        this.uncompressedSize = uncompressedSize;
    }

    /**
     * The non-solid resource {@code r} of a WIM with compression {@code wimType} and header chunk
     * size {@code wimChunkSize}.
     */
    public static WimResource nonSolid(WimPart part, ResourceHeader r, CompressionType wimType, int wimChunkSize,
                                       boolean pipable) throws WimFormatException {
        part.checkRange(r.offset(), r.sizeInWim(), "resource");
        if (!r.isCompressed()) {
            if (r.sizeInWim() != r.uncompressedSize()) {
                throw new WimFormatException(part.path(), r.offset(), "uncompressed resource has stored size "
                        + r.sizeInWim() + " but uncompressed size " + r.uncompressedSize());
            }
            return new WimResource(part, r, Kind.RAW, CompressionType.NONE, 0, r.uncompressedSize());
        }
        if (wimType == CompressionType.NONE) {
            throw new WimFormatException(part.path(), r.offset(), "compressed resource in a WIM without compression");
        }
        if (r.uncompressedSize() < 0) {
            throw new WimFormatException(part.path(), r.offset(), "absurd uncompressed size");
        }
        return new WimResource(part, r, pipable ? Kind.PIPABLE_CHUNKED : Kind.CHUNKED, wimType, wimChunkSize,
                r.uncompressedSize());
    }

    /** The solid resource {@code r}, whose 16-byte solid header is read now. */
    public static WimResource solid(WimPart part, ResourceHeader r) throws IOException {
        part.checkRange(r.offset(), r.sizeInWim(), "solid resource");
        SolidHeader h = SolidHeader.read(part, r);
        return new WimResource(part, r, Kind.SOLID, h.type(), h.chunkSize(), h.uncompressedSize());
    }

    public WimPart part() {
        return part;
    }

    public ResourceHeader header() {
        return header;
    }

    public Kind kind() {
        return kind;
    }

    /** Compression of the chunks ({@link CompressionType#NONE} for raw resources). */
    public CompressionType compressionType() {
        return type;
    }

    /** Uncompressed bytes per chunk (0 for raw resources). */
    public int chunkSize() {
        return chunkSize;
    }

    public long uncompressedSize() {
        return uncompressedSize;
    }

    public boolean isSolid() {
        return kind == Kind.SOLID;
    }

    public boolean isCompressed() {
        return kind != Kind.RAW;
    }

    /** The chunk table, read and checked on first use. */
    public ChunkTable chunkTable() throws IOException {
        ChunkTable t = chunks;
        if (t == null) {
            synchronized (this) {
                t = chunks;
                if (t == null) {
                    t = switch (kind) {
                        case CHUNKED -> ChunkTable.readNonSolid(part, header, chunkSize);
                        case PIPABLE_CHUNKED -> ChunkTable.readPipable(part, header, chunkSize);
                        case SOLID -> ChunkTable.readSolid(part, header, uncompressedSize, chunkSize);
                        case RAW -> throw new IllegalStateException("raw resources have no chunks");
                    };
                    chunks = t;
                }
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return kind + " resource at " + header.offset() + " of " + part.path();
    }
}
