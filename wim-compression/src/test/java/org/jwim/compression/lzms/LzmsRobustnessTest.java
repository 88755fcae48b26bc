package org.jwim.compression.lzms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.CorruptChunkException;
import org.junit.jupiter.api.Test;

/** Hostile and odd inputs: the decoder returns the right bytes or refuses, naming an offset. */
class LzmsRobustnessTest {
    private static final List<ChunkFixtures.Fixture> FIXTURES = ChunkFixtures.load("lzms");

    private static ChunkFixtures.Fixture fixture(String name) {
        return FIXTURES.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every prefix must be refused, unless it still decodes fully, and then to the original. */
    private static int checkPrefixes(ChunkFixtures.Fixture f, int step) {
        LzmsDecompressor d = new LzmsDecompressor(f.chunkSize());
        byte[] out = new byte[f.original().length];
        int refused = 0;
        for (int len = 0; len < f.compressed().length; len += step) {
            try {
                d.decompress(f.compressed(), 0, len, out, 0, out.length);
                assertArrayEquals(f.original(), out, f.name() + " cut to " + len + " decoded to other bytes");
            } catch (CorruptChunkException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= len, "offset " + e.offset() + " outside a chunk of " + len);
                refused++;
            }
        }
        return refused;
    }

    @Test
    void refusesTruncatedChunks() {
        ChunkFixtures.Fixture text = fixture("text-o100-n777-c131072-L50.bin.gz");
        assertEquals(text.compressed().length, checkPrefixes(text, 1));
        ChunkFixtures.Fixture pe = fixture("pe-o8192-n32768-c32768-L20.bin.gz");
        assertEquals(pe.compressed().length, checkPrefixes(pe, 1));
        ChunkFixtures.Fixture x86 = fixture("x86-o8192-n131072-c131072-L100.bin.gz");
        checkPrefixes(x86, 7);
    }

    @Test
    void refusesAnOutputLargerThanTheChunkSize() {
        ChunkFixtures.Fixture f = fixture("text-o8192-n32768-c32768-L50.bin.gz");
        LzmsDecompressor d = new LzmsDecompressor(32767);
        byte[] out = new byte[32768];
        CorruptChunkException e = assertThrows(CorruptChunkException.class,
                () -> d.decompress(f.compressed(), 0, f.compressed().length, out, 0, 32768));
        assertEquals(0, e.offset());
    }

    @Test
    void refusesGarbage() {
        Random rnd = new Random(99);
        LzmsDecompressor d = new LzmsDecompressor(1 << 16);
        byte[] out = new byte[1 << 16];
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[2 * (2 + rnd.nextInt(5000))];
            rnd.nextBytes(junk);
            int outLen = 1 + rnd.nextInt(out.length);
            try {
                d.decompress(junk, 0, junk.length, out, 0, outLen);
                fail("random bytes decoded as a valid chunk of " + outLen);
            } catch (CorruptChunkException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= junk.length);
            }
        }
    }

    @Test
    void oneInstanceDecodesChunksOfAnySizeInTurnWithinLargerBuffers() throws Exception {
        LzmsDecompressor d = new LzmsDecompressor(1 << 22);
        for (int pass = 0; pass < 2; pass++) {
            for (ChunkFixtures.Fixture f : FIXTURES) {
                int inOff = 13 + pass;
                int outOff = 7;
                byte[] in = new byte[inOff + f.compressed().length + 9];
                Arrays.fill(in, (byte) 0x5A);
                System.arraycopy(f.compressed(), 0, in, inOff, f.compressed().length);
                byte[] out = new byte[outOff + f.original().length + 11];
                Arrays.fill(out, (byte) 0x77);
                d.decompress(in, inOff, f.compressed().length, out, outOff, f.original().length);
                assertArrayEquals(f.original(), Arrays.copyOfRange(out, outOff, outOff + f.original().length), f.name());
                for (int i = 0; i < outOff; i++) {
                    assertEquals(0x77, out[i] & 0xFF);
                }
                for (int i = outOff + f.original().length; i < out.length; i++) {
                    assertEquals(0x77, out[i] & 0xFF);
                }
            }
        }
    }
}
