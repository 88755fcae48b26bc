package org.jwim.compression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only access to the chunks of the non-solid compressed resources of a real WIM, so the
 * codecs can be checked on chunks other encoders (Microsoft's among them) wrote, before and apart
 * from wim-core's reader. Only what the tests need: no split, pipable or solid resources.
 */
public final class WimChunkSource {
    private WimChunkSource() {
    }

    /** One compressed resource: its chunks and the SHA-1 its whole uncompressed data must have. */
    public record Resource(long offset, CompressionType type, int chunkSize, long uncompressedSize,
                           List<byte[]> chunks, List<Integer> chunkSizes, byte[] sha1) {
    }

    /** Every non-solid compressed resource listed in the blob table of {@code wim}. */
    public static List<Resource> compressedResources(Path wim) throws IOException {
        byte[] f = Files.readAllBytes(wim);
        int flags = LittleEndian.getInt(f, 0x10);
        int chunkSize = LittleEndian.getInt(f, 0x14);
        CompressionType type;
        if ((flags & CompressionType.LZX.headerFlag()) != 0) {
            type = CompressionType.LZX;
        } else if ((flags & CompressionType.LZMS.headerFlag()) != 0) {
            type = CompressionType.LZMS;
        } else if ((flags & (CompressionType.XPRESS.headerFlag() | CompressionType.FLAG_COMPRESS_XPRESS_2)) != 0) {
            type = CompressionType.XPRESS;
        } else {
            return List.of();
        }
        long tableSize = LittleEndian.getLong(f, 0x30) & 0x00FFFFFFFFFFFFFFL;
        int tableOffset = (int) LittleEndian.getLong(f, 0x38);
        List<Resource> list = new ArrayList<>();
        for (int e = tableOffset; e + 50 <= tableOffset + tableSize; e += 50) {
            long sizeAndFlags = LittleEndian.getLong(f, e);
            long size = sizeAndFlags & 0x00FFFFFFFFFFFFFFL;
            int rflags = (int) (sizeAndFlags >>> 56);
            long offset = LittleEndian.getLong(f, e + 8);
            long usize = LittleEndian.getLong(f, e + 16);
            if ((rflags & 0x04) == 0 || (rflags & 0x10) != 0) {
                continue;
            }
            int n = (int) ((usize + chunkSize - 1) / chunkSize);
            int width = usize > 0xFFFFFFFFL ? 8 : 4;
            int tableBytes = (n - 1) * width;
            int base = (int) offset + tableBytes;
            long[] starts = new long[n + 1];
            for (int i = 1; i < n; i++) {
                int at = (int) offset + (i - 1) * width;
                starts[i] = width == 4 ? LittleEndian.getU32(f, at) : LittleEndian.getLong(f, at);
            }
            starts[n] = size - tableBytes;
            List<byte[]> chunks = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                chunks.add(Arrays.copyOfRange(f, base + (int) starts[i], base + (int) starts[i + 1]));
                sizes.add((int) Math.min(chunkSize, usize - (long) i * chunkSize));
            }
            list.add(new Resource(offset, type, chunkSize, usize, chunks, sizes,
                    Arrays.copyOfRange(f, e + 30, e + 50)));
        }
        return list;
    }

    /** The WIMs under {@code ../shared/wims} (from the project root), or none where it is absent. */
    public static List<Path> sharedWims() throws IOException {
        Path root = Path.of(System.getProperty("jwim.project.root", ".."));
        Path dir = root.resolve("../shared/wims").normalize();
        if (!Files.isDirectory(dir)) {
            System.out.println("[skip] " + dir + " is absent: no third-party WIMs to read");
            return List.of();
        }
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".wim")).sorted().toList();
        }
    }
}
