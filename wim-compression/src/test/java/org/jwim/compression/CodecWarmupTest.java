package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecWarmupTest {
    /** The shipped samples decode (a decoder throws on anything but a complete, valid chunk). */
    @ParameterizedTest
    @CsvSource({"XPRESS, 32768", "XPRESS, 65536", "LZX, 32768", "LZMS, 131072", "LZMS, 67108864"})
    void samplesDecodeAtTheChunkSizesImagesUse(CompressionType type, int chunkSize) {
        assertTrue(CodecWarmup.decode(type, chunkSize, 0) >= 1);
    }

    @Test
    void chunkSizesTheSamplesDoNotSuitHaveNothingToDecode() {
        assertEquals(-1, CodecWarmup.decode(CompressionType.XPRESS, 4096, 0));
        assertEquals(-1, CodecWarmup.decode(CompressionType.LZMS, 65536, 0));
        // LZX's chunk format follows its window: 32 KiB samples suit only 32 KiB chunks.
        assertEquals(-1, CodecWarmup.decode(CompressionType.LZX, 65536, 0));
    }

    /** Compressors warm at any chunk size and level, solid sizes on smaller chunks. */
    @ParameterizedTest
    @CsvSource({"XPRESS, 32768, 50", "XPRESS, 4096, 100", "LZX, 32768, 50", "LZX, 2097152, 20", "LZMS, 131072, 50",
            "LZMS, 67108864, 50"})
    void samplesCompress(CompressionType type, int chunkSize, int level) {
        assertTrue(CodecWarmup.compress(type, chunkSize, level, 0) >= 1);
    }

    @Test
    void startsDaemonThreadsThatEndWithinTheirTime() throws InterruptedException {
        Thread d = CodecWarmup.startDecoding(CompressionType.LZX, 32768, 50);
        Thread c = CodecWarmup.startCompressing(CompressionType.XPRESS, 32768, 50, 50);
        assertTrue(d.isDaemon() && c.isDaemon());
        assertEquals("jwim-warmup-lzx", d.getName());
        assertEquals("jwim-warmup-xpress-compress", c.getName());
        d.join(10_000);
        c.join(10_000);
        assertFalse(d.isAlive() || c.isAlive());
    }

    @Test
    void nothingToWarmForUncompressedOrInvalidArguments() {
        assertNull(CodecWarmup.startDecoding(CompressionType.NONE, 32768, 50));
        assertNull(CodecWarmup.startDecoding(CompressionType.XPRESS, 12345, 50));
        assertNull(CodecWarmup.startCompressing(CompressionType.NONE, 32768, 50, 50));
        assertNull(CodecWarmup.startCompressing(CompressionType.LZX, 32768, 0, 50));
    }
}
