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
 * WIMs jwim captures with its LZX encoder, at the default and other chunk sizes and levels, pass
 * {@code wimlib-imagex verify} and apply back to the source tree.
 */
class LzxCaptureInteropTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"0, 50", "65536, 50", "1048576, 20", "2097152, 100", "32768, 1"})
    void wimlibVerifiesAndAppliesLzxCaptures(int chunkSize, int level) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("lzx.wim");
        WriteOptions opts = WriteOptions.defaults().withCompression(CompressionType.LZX, chunkSize).withLevel(level);
        ImageCapture.create(src, wim, ImageCapture.Description.named("lzx"), Capture.Options.defaults(), opts);

        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertTrue(info.contains("Compression:    LZX"), info);
        int expectedChunk = chunkSize == 0 ? CompressionType.LZX.defaultChunkSize() : chunkSize;
        assertTrue(info.contains("Chunk Size:     " + expectedChunk + " bytes"), info);
        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        Path out = tmp.resolve("applied");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), "1", out.toString()).ok();
        assertEquals(CaptureInteropTest.expectedAfterApply(src, out), CaptureInteropTest.actual(out));
        // The text shrank: the tree holds 300 KB of random data (twice, stored once) and about
        // 440 KB of repetitive text.
        assertTrue(Files.size(wim) < 450_000, "WIM of " + Files.size(wim) + " bytes");
    }
}
