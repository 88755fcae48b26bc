package org.jwim.compression.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.ChunkCompressor;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.CompressorSamples;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.Test;

/**
 * The LZX encoder: every level, data kind, size and chunk size decodes back through jwim's
 * decoder; the output is about as small as wimlib's; the {@code ChunkCompressor} contract holds.
 */
class LzxCompressorTest extends org.jwim.compression.CompressorRoundTripTests {
    private static final List<ChunkFixtures.Fixture> FIXTURES = ChunkFixtures.load("lzx");
    private static final CompressorSamples SAMPLES = new CompressorSamples(FIXTURES);

    /** {@code size} bytes of a kind (see {@link CompressorSamples#data}). */
    static byte[] data(String kind, int size, long seed) {
        return SAMPLES.data(kind, size, seed);
    }

    LzxCompressorTest() {
        super(CompressionType.LZX);
    }

    @Override
    protected int encodeAnySize(ChunkCompressor c, byte[] data, byte[] out) {
        return ((LzxCompressor) c).encode(data, 0, data.length, out, 0, out.length);
    }

    @Override
    protected byte[] sample(String kind, int size, long seed) {
        return data(kind, size, seed);
    }

    @Override
    protected int[] chunkSizes() {
        return new int[] {1 << 15, 1 << 16, 1 << 20, 1 << 21};
    }

    @Test
    void sizesMatchWimlibsOnItsOwnFixtures() throws Exception {
        // wimlib_compress made each fixture at the level in its name; jwim must do about as well.
        for (int level : new int[] {20, 50, 100}) {
            long ours = 0;
            long theirs = 0;
            for (ChunkFixtures.Fixture f : FIXTURES) {
                if (!f.name().endsWith("-L" + level + ".bin.gz")) {
                    continue;
                }
                int n = roundTrip(f.chunkSize(), level, f.original());
                ours += n == ChunkCompressor.DID_NOT_SHRINK ? f.original().length : n;
                theirs += f.compressed().length;
            }
            assertTrue(theirs > 0);
            assertTrue(ours <= theirs * 1.01, "level " + level + ": " + ours + " bytes against wimlib's " + theirs);
        }
    }

    @Test
    void longChunksAreSplitIntoBlocksAndUseAlignedOffsetBlocks() throws Exception {
        int chunkSize = 1 << 20;
        for (int level : new int[] {20, 50}) {
            LzxCompressor c = (LzxCompressor) compressor(chunkSize, level);
            byte[] d = new byte[chunkSize];
            int p = 0;
            for (String kind : new String[] {"english", "pe", "records", "text", "x86", "records"}) {
                byte[] part = data(kind, chunkSize / 6, 11);
                System.arraycopy(part, 0, d, p, part.length);
                p += part.length;
            }
            roundTrip(chunkSize, level, d);
            assertTrue(c.blockWriter().blocks >= 6, "level " + level + ": " + c.blockWriter().blocks + " blocks");
            assertTrue(c.blockWriter().alignedBlocks >= 1, "level " + level + ": no aligned-offset block");
            assertTrue(c.blockWriter().alignedBlocks < c.blockWriter().blocks, "level " + level + ": all aligned");
        }
    }

    @Test
    void aReusedCompressorGivesWhatAFreshOneGives() throws Exception {
        byte[] a = data("pe", K32, 1);
        byte[] b = data("text", 20_000, 2);
        for (int level : new int[] {1, 20, 50, 100}) {
            ChunkCompressor reused = ChunkCodecs.newCompressor(CompressionType.LZX, K32, level);
            byte[] first = new byte[K32];
            int n1 = reused.compress(a, 0, a.length, first, 0, first.length);
            byte[] other = new byte[K32];
            reused.compress(b, 0, b.length, other, 0, other.length);
            byte[] again = new byte[K32];
            int n2 = reused.compress(a, 0, a.length, again, 0, again.length);
            assertEquals(n1, n2);
            assertArrayEquals(Arrays.copyOf(first, n1), Arrays.copyOf(again, n2));
            ChunkCompressor fresh = ChunkCodecs.newCompressor(CompressionType.LZX, K32, level);
            byte[] f = new byte[K32];
            fresh.compress(b, 0, b.length, f, 0, f.length);
            assertArrayEquals(Arrays.copyOf(f, 100), Arrays.copyOf(other, 100));
        }
    }

    @Test
    void offsetsAndCapacityAreRespected() throws Exception {
        byte[] chunk = data("text", 20_000, 4);
        byte[] in = new byte[chunk.length + 300];
        System.arraycopy(chunk, 0, in, 123, chunk.length);
        ChunkCompressor c = compressor(K32, 50);
        byte[] out = new byte[40_000];
        Arrays.fill(out, (byte) 0x5A);
        int n = c.compress(in, 123, chunk.length, out, 77, 30_000);
        assertTrue(n > 0 && n < chunk.length);
        for (int i = 0; i < 77; i++) {
            assertEquals(0x5A, out[i] & 0xFF, "byte before the output at " + i);
        }
        for (int i = 77 + n; i < out.length; i++) {
            assertEquals(0x5A, out[i] & 0xFF, "byte after the output at " + i);
        }
        assertArrayEquals(chunk, decode(Arrays.copyOfRange(out, 77, 77 + n), n, chunk.length, K32));

        // Too little room: nothing is claimed and nothing past the room is written.
        Arrays.fill(out, (byte) 0x5A);
        assertEquals(ChunkCompressor.DID_NOT_SHRINK, c.compress(in, 123, chunk.length, out, 77, n - 1));
        for (int i = 77 + n - 1; i < out.length; i++) {
            assertEquals(0x5A, out[i] & 0xFF, "byte past the room at " + i);
        }
        assertEquals(n, c.compress(in, 123, chunk.length, out, 77, n), "exactly enough room");
    }

    @Test
    void badArgumentsAreRefused() {
        ChunkCompressor c = compressor(K32, 50);
        byte[] big = new byte[K32 + 1];
        assertThrows(IllegalArgumentException.class, () -> c.compress(big, 0, big.length, new byte[K32], 0, K32));
        assertThrows(IndexOutOfBoundsException.class, () -> c.compress(big, 10, big.length, new byte[K32], 0, K32));
        assertThrows(IllegalArgumentException.class, () -> new LzxCompressor(K32, 0));
        assertThrows(IllegalArgumentException.class, () -> new LzxCompressor(K32, 101));
        assertThrows(IllegalArgumentException.class, () -> new LzxCompressor((1 << 21) + 1, 50));
        assertEquals(CompressionType.LZX, c.type());
        assertEquals(K32, c.maxChunkSize());
        assertEquals(50, c.level());
        assertTrue(ChunkCodecs.canCompress(CompressionType.LZX));
        assertEquals(ChunkCompressor.DID_NOT_SHRINK, c.compress(new byte[0], 0, 0, new byte[1], 0, 1));
    }
}
