package org.jwim.compression.xpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkDecompressor;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFixtures.Fixture;
import org.jwim.compression.CompressionType;
import org.jwim.compression.WimChunkSource;
import org.jwim.compression.WimChunkSource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Chunks other encoders wrote: wimlib's compressor (fixtures) and whole WIMs, Microsoft's among them. */
class XpressRealChunksTest {

    static List<Fixture> fixtures() {
        return ChunkFixtures.load("xpress");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesWimlibChunkExactly(Fixture f) throws Exception {
        byte[] original = f.original();
        // Guard bytes around the output region prove nothing is written outside it.
        byte[] out = new byte[original.length + 32];
        Arrays.fill(out, (byte) 0x5A);
        byte[] in = f.compressed();
        new XpressDecompressor(f.chunkSize()).decompress(in, 0, in.length, out, 16, original.length);
        assertArrayEquals(original, Arrays.copyOfRange(out, 16, 16 + original.length));
        for (int i = 0; i < 16; i++) {
            assertEquals((byte) 0x5A, out[i]);
            assertEquals((byte) 0x5A, out[out.length - 1 - i]);
        }
    }

    @Test
    void chunkCodecsMakesThisDecoder() throws Exception {
        ChunkDecompressor d = ChunkCodecs.newDecompressor(CompressionType.XPRESS, 32768);
        assertTrue(d instanceof XpressDecompressor);
        assertEquals(CompressionType.XPRESS, d.type());
        assertEquals(32768, d.maxChunkSize());
        Fixture f = fixtures().stream().filter(x -> x.original().length == 32768).findFirst().orElseThrow();
        byte[] out = new byte[32768];
        d.decompress(f.compressed(), 0, f.compressed().length, out, 0, out.length);
        assertArrayEquals(f.original(), out);
    }

    @Test
    void fixturesCoverTheChunkSizes() {
        List<Integer> sizes = fixtures().stream().map(f -> f.original().length).distinct().sorted().toList();
        assertTrue(sizes.contains(65536) && sizes.contains(4096) && sizes.contains(777), sizes.toString());
    }

    @Test
    void decodesEveryXpressResourceOfTheSharedWims() throws Exception {
        List<Path> wims = WimChunkSource.sharedWims();
        List<Path> xpressWims = decodeXpressWims(wims);
        if (!wims.isEmpty()) {
            assertTrue(xpressWims.stream().anyMatch(p -> p.toString().contains("/microsoft/")),
                    "no Microsoft XPRESS WIM");
            assertTrue(xpressWims.stream().anyMatch(p -> p.toString().contains("XPRESS")), "no wimlib XPRESS WIM");
        }
    }

    @Test
    void decodesEveryXpressResourceOfTheProjectsTestWims() throws Exception {
        // wimlib-imagex made these with 4 KiB, 32 KiB and 64 KiB chunks (testdata/make-testdata.sh).
        Path dir = Path.of(System.getProperty("jwim.project.root", "..")).resolve("testdata/wims");
        assumeTrue(Files.isDirectory(dir), dir + " is absent");
        List<Path> wims;
        try (Stream<Path> s = Files.list(dir)) {
            wims = s.filter(p -> p.toString().endsWith(".wim")).sorted().toList();
        }
        List<Path> xpressWims = decodeXpressWims(wims);
        assertTrue(xpressWims.size() >= 3, "XPRESS test WIMs: " + xpressWims);
    }

    /** Decodes every XPRESS resource of those WIMs that are XPRESS; checks each SHA-1. */
    private static List<Path> decodeXpressWims(List<Path> wims) throws Exception {
        List<Path> xpressWims = new ArrayList<>();
        int chunks = 0;
        int rawChunks = 0;
        int resources = 0;
        for (Path wim : wims) {
            List<Resource> list = WimChunkSource.compressedResources(wim);
            if (list.isEmpty() || list.get(0).type() != CompressionType.XPRESS) {
                continue;
            }
            xpressWims.add(wim);
            XpressDecompressor d = new XpressDecompressor(list.get(0).chunkSize());
            for (Resource r : list) {
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                byte[] out = new byte[r.chunkSize()];
                for (int i = 0; i < r.chunks().size(); i++) {
                    byte[] c = r.chunks().get(i);
                    int size = r.chunkSizes().get(i);
                    if (c.length == size) {
                        // Stored raw: the writer could not shrink it.
                        System.arraycopy(c, 0, out, 0, size);
                        rawChunks++;
                    } else {
                        d.decompress(c, 0, c.length, out, 0, size);
                    }
                    sha1.update(out, 0, size);
                    chunks++;
                }
                assertArrayEquals(r.sha1(), sha1.digest(),
                        () -> "SHA-1 of the resource at " + r.offset() + " in " + wim);
                resources++;
            }
        }
        System.out.println("[xpress] " + xpressWims.size() + " WIMs, " + resources + " resources, " + chunks
                + " chunks (" + rawChunks + " raw)");
        return xpressWims;
    }
}
