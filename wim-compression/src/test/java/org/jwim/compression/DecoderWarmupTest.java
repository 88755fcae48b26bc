package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecoderWarmupTest {
    /** The shipped samples decode (a decoder throws on anything but a complete, valid chunk). */
    @ParameterizedTest
    @CsvSource({"XPRESS, 32768", "XPRESS, 65536", "LZX, 32768", "LZMS, 131072", "LZMS, 67108864"})
    void samplesDecodeAtTheChunkSizesImagesUse(CompressionType type, int chunkSize) {
        assertTrue(DecoderWarmup.decode(type, chunkSize, 0) >= 1);
    }

    @Test
    void chunkSizesTheSamplesDoNotSuitHaveNothingToDecode() {
        assertEquals(-1, DecoderWarmup.decode(CompressionType.XPRESS, 4096, 0));
        assertEquals(-1, DecoderWarmup.decode(CompressionType.LZMS, 65536, 0));
        // LZX's chunk format follows its window: 32 KiB samples suit only 32 KiB chunks.
        assertEquals(-1, DecoderWarmup.decode(CompressionType.LZX, 65536, 0));
    }

    @Test
    void startsADaemonThreadThatEndsWithinItsTime() throws InterruptedException {
        Thread d = DecoderWarmup.start(CompressionType.LZX, 32768, 50);
        assertTrue(d.isDaemon());
        assertEquals("jwim-warmup-lzx", d.getName());
        d.join(10_000);
        assertFalse(d.isAlive());
    }

    @Test
    void nothingToWarmForUncompressedOrInvalidArguments() {
        assertNull(DecoderWarmup.start(CompressionType.NONE, 32768, 50));
        assertNull(DecoderWarmup.start(CompressionType.XPRESS, 12345, 50));
    }
}
