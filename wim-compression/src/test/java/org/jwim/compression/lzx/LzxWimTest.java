package org.jwim.compression.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jwim.compression.CompressionType;
import org.jwim.compression.CorruptChunkException;
import org.jwim.compression.LittleEndian;
import org.jwim.compression.WimChunkSource;
import org.jwim.compression.WimChunkSource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every chunk of the LZX WIMs other tools wrote (Microsoft's among them) and checks each
 * resource against the SHA-1 in the blob table.
 */
class LzxWimTest {
    /** WIMs whose LZX data is damaged on purpose. */
    private static final Set<String> CORRUPT = Set.of("corrupted_file_2.wim", "VerifyFail.wim");

    static List<Path> lzxWims() throws IOException {
        List<Path> list = new ArrayList<>();
        for (Path p : WimChunkSource.sharedWims()) {
            byte[] head = new byte[0x18];
            try (var s = Files.newInputStream(p)) {
                if (s.readNBytes(head, 0, head.length) < head.length) {
                    continue;
                }
            }
            if ((LittleEndian.getInt(head, 0x10) & CompressionType.LZX.headerFlag()) != 0) {
                list.add(p);
            }
        }
        return list;
    }

    /** The SHA-1 of the decoded resource, or the exception a chunk gave. */
    private static byte[] decode(Resource r) throws Exception {
        LzxDecompressor d = new LzxDecompressor(r.chunkSize());
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] out = new byte[r.chunkSize()];
        for (int i = 0; i < r.chunks().size(); i++) {
            byte[] c = r.chunks().get(i);
            int size = r.chunkSizes().get(i);
            if (c.length == size) {
                sha1.update(c); // stored raw
            } else {
                d.decompress(c, 0, c.length, out, 0, size);
                sha1.update(out, 0, size);
            }
        }
        return sha1.digest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lzxWims")
    void everyResourceHashesToItsBlobTableEntry(Path wim) throws Exception {
        List<Resource> resources = WimChunkSource.compressedResources(wim);
        assertFalse(resources.isEmpty());
        boolean damaged = false;
        for (Resource r : resources) {
            if (CORRUPT.contains(wim.getFileName().toString())) {
                try {
                    byte[] sha = decode(r);
                    damaged |= !java.util.Arrays.equals(sha, r.sha1());
                } catch (CorruptChunkException e) {
                    damaged = true;
                    assertTrue(e.offset() >= 0);
                }
            } else {
                assertArrayEquals(r.sha1(), decode(r), "resource at " + r.offset() + " of " + wim);
            }
        }
        if (CORRUPT.contains(wim.getFileName().toString())) {
            assertTrue(damaged, "the damage in " + wim + " went unnoticed");
        }
    }

    @Test
    void microsoftWimsAreAmongThem() throws IOException {
        if (WimChunkSource.sharedWims().isEmpty()) {
            return;
        }
        long ms = lzxWims().stream().filter(p -> p.toString().contains("microsoft")).count();
        assertTrue(ms >= 8, "expected Microsoft's LZX WIMs, found " + ms);
    }
}
