package org.jwim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus loading, and chunking plus compression through libwim (skipped without it). */
class ChunkSetTest {
    @TempDir
    Path dir;

    private Corpus corpus() throws IOException {
        byte[] noise = new byte[40000];
        new SplittableRandom(3).nextBytes(noise);
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("b/text"), LibWimTest.sample(70000)); // 3 chunks of 32K: 32K, 32K, 4464
        Files.write(dir.resolve("a-noise"), noise); // 2 chunks that do not shrink
        Files.write(dir.resolve("c-empty"), new byte[0]); // skipped
        Files.write(dir.resolve("d-small"), LibWimTest.sample(3000)); // 1 chunk
        return Corpus.load("test", dir);
    }

    @Test
    void corpusReadsNonEmptyFilesInPathOrder() throws IOException {
        Corpus c = corpus();
        assertEquals(3, c.files().size());
        assertEquals(40000, c.files().get(0).length);
        assertEquals(70000, c.files().get(1).length);
        assertEquals(113000, c.totalBytes());
        byte[] all = c.concatenated();
        assertArrayEquals(c.files().get(2), Arrays.copyOfRange(all, 110000, 113000));
    }

    @Test
    void missingCorpusSaysHowToMakeIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Corpus.load("nope", dir.resolve("nope")));
        assertTrue(e.getMessage().contains("prepare-corpus.sh"), e.getMessage());
    }

    @Test
    void chunksEachFileAndDropsChunksThatDoNotShrink() throws IOException {
        assumeTrue(LibWim.available(), () -> "libwim not installed: " + LibWim.unavailableReason());
        ChunkSet set = ChunkSet.compress(corpus(), CodecCase.LZX_32K, 50);
        assertEquals(2, set.dropped());
        assertArrayEquals(new int[] {32768, 32768, 70000 - 65536, 3000}, set.sizes());
        assertEquals(73000, set.uncompressedBytes());
        int end = 0;
        for (int i = 0; i < set.count(); i++) {
            assertEquals(end, set.offsets()[i]);
            end += set.compressedSizes()[i];
        }
        assertEquals(end, set.packed().length);

        try (LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.LZX, 32768)) {
            byte[] out = new byte[32768];
            for (int i = 0; i < set.count(); i++) {
                assertTrue(d.decompress(set.packed(), set.offsets()[i], set.compressedSizes()[i], out, 0,
                        set.sizes()[i]));
                set.verify("wimlib", i, out, 0);
            }
            out[17] ^= 1;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> set.verify("x", 3, out, 0));
            assertTrue(e.getMessage().contains("at byte 17"), e.getMessage());
        }
    }

    @Test
    void solidCaseChunksTheConcatenation() throws IOException {
        assumeTrue(LibWim.available(), () -> "libwim not installed: " + LibWim.unavailableReason());
        ChunkSet set = ChunkSet.compress(corpus(), CodecCase.LZMS_SOLID_16M, 50);
        assertEquals(1, set.count());
        assertEquals(0, set.dropped());
        assertEquals(113000, set.sizes()[0]);
    }
}
