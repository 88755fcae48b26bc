package org.jwim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jwim.compression.CompressionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The JNA binding against the installed libwim; skipped where libwim is missing. */
class LibWimTest {

    @BeforeAll
    static void needLibwim() {
        assumeTrue(LibWim.available(), () -> "libwim not installed: " + LibWim.unavailableReason());
    }

    /** Text with enough repetition to shrink under every format. */
    static byte[] sample(int size) {
        byte[] words = "the quick brown fox jumps over the lazy dog; WIM chunks are independent. "
                .getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[size];
        SplittableRandom r = new SplittableRandom(7);
        int start = 0;
        for (int i = 0; i < size; i++) {
            if (i % 64 == 0) {
                start = r.nextInt(words.length); // each 64-byte line starts somewhere in the phrase
            }
            data[i] = words[(start + i) % words.length];
        }
        return data;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"XPRESS", "LZX", "LZMS"})
    void roundTripsAChunk(CompressionType type) {
        int chunk = type.defaultChunkSize();
        byte[] data = sample(chunk - 123);
        try (LibWim.Compressor c = new LibWim.Compressor(type, chunk, 50);
                LibWim.Decompressor d = new LibWim.Decompressor(type, chunk)) {
            byte[] packed = c.compress(data, 0, data.length);
            assertNotNull(packed, "repetitive text must shrink");
            assertTrue(packed.length < data.length / 4, "compressed to " + packed.length);
            byte[] out = new byte[data.length + 10];
            Arrays.fill(out, (byte) 0x5A);
            assertTrue(d.decompress(packed, 0, packed.length, out, 5, data.length));
            assertArrayEquals(data, Arrays.copyOfRange(out, 5, 5 + data.length));
            assertEquals(0x5A, out[4]);
            assertEquals(0x5A, out[5 + data.length]);
        }
    }

    @Test
    void compressFromAnOffset() {
        byte[] data = sample(5000);
        try (LibWim.Compressor c = new LibWim.Compressor(CompressionType.LZX, 32768, 0);
                LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.LZX, 32768)) {
            byte[] packed = c.compress(data, 1000, 4000);
            byte[] out = new byte[4000];
            assertTrue(d.decompress(packed, 0, packed.length, out, 0, out.length));
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 5000), out);
        }
    }

    @Test
    void randomDataDoesNotShrink() {
        byte[] noise = new byte[32768];
        new SplittableRandom(1).nextBytes(noise);
        try (LibWim.Compressor c = new LibWim.Compressor(CompressionType.XPRESS, 32768, 50)) {
            assertNull(c.compress(noise, 0, noise.length));
        }
    }

    @Test
    void truncatedInputFails() {
        byte[] data = sample(20000);
        try (LibWim.Compressor c = new LibWim.Compressor(CompressionType.XPRESS, 32768, 50);
                LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.XPRESS, 32768)) {
            byte[] packed = c.compress(data, 0, data.length);
            // An XPRESS chunk starts with a 256-byte table of code lengths; cut inside it.
            assertFalse(d.decompress(packed, 0, 100, new byte[data.length], 0, data.length));
        }
    }

    @Test
    void refusesBadParametersWithWimlibsMessage() {
        // LZX chunks are at most 2 MiB.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LibWim.Decompressor(CompressionType.LZX, 1 << 22));
        assertTrue(e.getMessage().contains("wimlib_create_decompressor"), e.getMessage());
        assertFalse(LibWim.errorString(18).isEmpty());
    }

    @Test
    void closedHandlesRefuseWork() {
        LibWim.Decompressor d = new LibWim.Decompressor(CompressionType.XPRESS, 4096);
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.decompress(new byte[10], 0, 10, new byte[10], 0, 10));
    }
}
