package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jwim.compression.CompressionType;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WIMs jwim captures with its XPRESS compressor, at several chunk sizes and levels, pass
 * wimlib's verify and give back the source tree when wimlib applies them.
 */
class XpressCaptureInteropTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "chunks of {0} (0: default), level {1}")
    @CsvSource({"0, 50", "4096, 50", "65536, 50", "32768, 1", "32768, 100"})
    void wimlibVerifiesAndApplies(int chunkSize, int level) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("xpress.wim");
        WriteOptions opts = WriteOptions.defaults().withCompression(CompressionType.XPRESS, chunkSize).withLevel(level);
        ImageCapture.create(src, wim, ImageCapture.Description.named("xpress"), Capture.Options.defaults(), opts);

        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertTrue(info.contains("Compression:    XPRESS"), info);
        int expectedChunk = chunkSize == 0 ? CompressionType.XPRESS.defaultChunkSize() : chunkSize;
        assertTrue(info.contains("Chunk Size:     " + expectedChunk + " bytes"), info);
        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        Path out = tmp.resolve("applied");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), "1", out.toString()).ok();
        assertEquals(CaptureInteropTest.expectedAfterApply(src, out), CaptureInteropTest.actual(out));

        // The compressible files really were compressed: much smaller than stored raw.
        Path raw = tmp.resolve("none.wim");
        ImageCapture.create(src, raw, ImageCapture.Description.named("none"), Capture.Options.defaults(),
                WriteOptions.uncompressed());
        long xpressSize = java.nio.file.Files.size(wim);
        long rawSize = java.nio.file.Files.size(raw);
        assertTrue(xpressSize < rawSize * 3 / 4, "XPRESS " + xpressSize + " bytes, uncompressed " + rawSize);
    }
}
