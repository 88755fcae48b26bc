package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.compression.CompressionType;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WIMs jwim captures with its XPRESS and LZX compressors, at several chunk sizes and levels, pass
 * {@code wimlib-imagex verify}, say the compression and chunk size asked for, and give back the
 * source tree when wimlib applies them. (LZMS, solid included: {@link LzmsCaptureInteropTest}.)
 */
class CompressedCaptureInteropTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, chunks of {1} (0: default), level {2}")
    @CsvSource({"XPRESS, 0, 50", "XPRESS, 4096, 50", "XPRESS, 65536, 50", "XPRESS, 32768, 1", "XPRESS, 32768, 100",
        "LZX, 0, 50", "LZX, 65536, 50", "LZX, 1048576, 20", "LZX, 2097152, 100", "LZX, 32768, 1"})
    void wimlibVerifiesAndApplies(CompressionType type, int chunkSize, int level) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("compressed.wim");
        WriteOptions opts = WriteOptions.defaults().withCompression(type, chunkSize).withLevel(level);
        ImageCapture.create(src, wim, ImageCapture.Description.named("c"), Capture.Options.defaults(), opts);

        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertTrue(info.contains("Compression:    " + type.name()), info);
        int expectedChunk = chunkSize == 0 ? type.defaultChunkSize() : chunkSize;
        assertTrue(info.contains("Chunk Size:     " + expectedChunk + " bytes"), info);
        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        Path out = tmp.resolve("applied");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), "1", out.toString()).ok();
        assertEquals(CaptureInteropTest.expectedAfterApply(src, out), CaptureInteropTest.actual(out));

        // The compressible files really were compressed: much smaller than stored raw. The tree
        // holds 300 KB of random data (twice, stored once) and about 440 KB of repetitive text.
        Path raw = tmp.resolve("none.wim");
        ImageCapture.create(src, raw, ImageCapture.Description.named("none"), Capture.Options.defaults(),
                WriteOptions.uncompressed());
        long size = Files.size(wim);
        long rawSize = Files.size(raw);
        assertTrue(size < rawSize * 3 / 4, type + " " + size + " bytes, uncompressed " + rawSize);
        if (type == CompressionType.LZX) {
            assertTrue(size < 450_000, "WIM of " + size + " bytes");
        }
    }
}
