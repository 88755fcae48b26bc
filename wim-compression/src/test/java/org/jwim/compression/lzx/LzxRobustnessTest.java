package org.jwim.compression.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jwim.compression.ChunkFixtures;
import org.jwim.compression.ChunkFixtures.Fixture;
import org.jwim.compression.ChunkFuzzer;
import org.jwim.compression.CorruptChunkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Truncated, garbage and oversized inputs: refused with an offset, never another exception. */
class LzxRobustnessTest {

    static Stream<Fixture> someChunks() {
        List<Fixture> all = ChunkFixtures.load("lzx");
        List<Fixture> picked = new ArrayList<>();
        for (Fixture f : all) {
            String n = f.name();
            if (n.startsWith("pe-o8192-n32768-c32768-L50")
                    || n.startsWith("x86-o8192-n32768-c32768-L20") || n.startsWith("text-o100-n777")) {
                picked.add(f);
            }
        }
        picked.add(crafted("handmade-every-block-type"));
        return picked.stream();
    }

    /** A chunk with every block type, for the prefixes of uncompressed blocks. */
    static Fixture crafted(String name) {
        byte[] text = "An aligned block, then raw bytes, then a verbatim block.".getBytes();
        List<LzxTestEncoder.Item> items = new ArrayList<>(LzxTestEncoder.literals(text));
        items.add(LzxTestEncoder.Item.match(40, 33));
        items.add(LzxTestEncoder.Item.match(9, 12));
        LzxTestEncoder enc = new LzxTestEncoder(32768).aligned(items);
        byte[] raw = "odd-sized raw".getBytes();
        enc.uncompressed(raw, 2, 3, 4);
        List<LzxTestEncoder.Item> tail = new ArrayList<>(LzxTestEncoder.literals("!?".getBytes()));
        tail.add(LzxTestEncoder.Item.repeat(30, 1));
        enc.verbatim(tail);
        byte[] a = LzxTestEncoder.expand(new byte[0], items, new int[] {1, 1, 1});
        byte[] b = Arrays.copyOf(a, a.length + raw.length);
        System.arraycopy(raw, 0, b, a.length, raw.length);
        byte[] original = LzxTestEncoder.expand(b, tail, new int[] {2, 3, 4});
        return new Fixture(name + "-o0-n" + original.length + "-c32768-L0", enc.finish(), original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("someChunks")
    void everyPrefixIsRefusedOrDecodesCorrectly(Fixture f) {
        LzxDecompressor d = new LzxDecompressor(f.chunkSize());
        byte[] c = f.compressed();
        byte[] out = new byte[f.original().length];
        int refused = 0;
        for (int len = 0; len < c.length; len++) {
            try {
                d.decompress(c, 0, len, out, 0, out.length);
                assertArrayEquals(f.original(), out, "prefix of " + len + " bytes decoded to something else");
            } catch (CorruptChunkException e) {
                refused++;
                assertTrue(e.offset() >= 0 && e.offset() <= len,
                        "offset " + e.offset() + " of a " + len + "-byte prefix");
            }
        }
        // Only the last word or so may be padding that the stream never needs.
        assertTrue(refused >= c.length - 3, refused + " of " + c.length + " prefixes refused");
    }

    @Test
    void garbageIsRefusedOrDecodedWithoutHarm() {
        ChunkFuzzer harness = new ChunkFuzzer("lzx", () -> new LzxDecompressor(32768), 32768);
        LzxDecompressor d = new LzxDecompressor(32768);
        Random rnd = new Random(7);
        for (int round = 0; round < 3000; round++) {
            byte[] junk = new byte[rnd.nextInt(round % 10 == 0 ? 40000 : 300)];
            rnd.nextBytes(junk);
            if (round % 3 == 0 && junk.length > 0) {
                junk[0] = (byte) ((junk[0] & 0x1F) | 0x20); // type 1 (verbatim) in the top bits
            }
            int outLen = 1 + rnd.nextInt(32768);
            assertNull(harness.runOne(d, new ChunkFuzzer.Input(junk, outLen)), "round " + round);
        }
    }

    @Test
    void anOutputLargerThanTheChunkSizeIsRefusedWhateverTheInput() throws Exception {
        Fixture f = ChunkFixtures.load("lzx").get(1);
        LzxDecompressor d = new LzxDecompressor(f.chunkSize());
        byte[] out = new byte[f.chunkSize() + 100];
        try {
            d.decompress(f.compressed(), 0, f.compressed().length, out, 0, out.length);
            throw new AssertionError("accepted");
        } catch (CorruptChunkException e) {
            assertEquals(0, e.offset());
        }
        for (byte b : out) {
            assertEquals(0, b, "wrote output before refusing");
        }
    }
}
