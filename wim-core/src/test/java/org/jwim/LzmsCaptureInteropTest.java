package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwim.compression.CompressionType;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WIMs jwim captures with its LZMS compressor, at several chunk sizes and levels, and a solid
 * (ESD-style) WIM with a 64 MiB LZMS chunk size, pass wimlib's verify and give back the source
 * tree when wimlib applies them.
 */
class LzmsCaptureInteropTest {
    @TempDir
    Path tmp;

    private void verifyAndApply(Path src, Path wim) throws Exception {
        ExternalTools.run("wimlib-imagex", "verify", wim.toString()).ok();
        Path out = tmp.resolve("applied");
        ExternalTools.run("wimlib-imagex", "apply", wim.toString(), "1", out.toString()).ok();
        assertEquals(CaptureInteropTest.expectedAfterApply(src, out), CaptureInteropTest.actual(out));
    }

    private long uncompressedSize(Path src) throws Exception {
        Path raw = tmp.resolve("none.wim");
        ImageCapture.create(src, raw, ImageCapture.Description.named("none"), Capture.Options.defaults(),
                WriteOptions.uncompressed());
        return Files.size(raw);
    }

    @ParameterizedTest(name = "chunks of {0} (0: default), level {1}")
    @CsvSource({"0, 50", "32768, 20", "1048576, 100", "65536, 1"})
    void wimlibVerifiesAndApplies(int chunkSize, int level) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("lzms.wim");
        WriteOptions opts = WriteOptions.defaults().withCompression(CompressionType.LZMS, chunkSize).withLevel(level);
        ImageCapture.create(src, wim, ImageCapture.Description.named("lzms"), Capture.Options.defaults(), opts);

        String info = ExternalTools.run("wimlib-imagex", "info", wim.toString()).ok().stdout();
        assertTrue(info.contains("Compression:    LZMS"), info);
        int expectedChunk = chunkSize == 0 ? CompressionType.LZMS.defaultChunkSize() : chunkSize;
        assertTrue(info.contains("Chunk Size:     " + expectedChunk + " bytes"), info);
        verifyAndApply(src, wim);

        long size = Files.size(wim);
        long rawSize = uncompressedSize(src);
        assertTrue(size < rawSize * 3 / 4, "LZMS " + size + " bytes, uncompressed " + rawSize);
    }

    /**
     * Solid resources as {@code jwim capture --solid} writes them (LZX metadata) and as
     * {@code wimlib-imagex capture --solid} does (LZMS throughout).
     */
    @ParameterizedTest(name = "metadata compressed with {0}")
    @CsvSource({"LZX", "LZMS"})
    void wimlibVerifiesAndAppliesASolidEsd(CompressionType metadataType) throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path esd = tmp.resolve("solid.esd");
        WriteOptions opts = WriteOptions.defaults().withCompression(metadataType, 0)
                .withSolid(CompressionType.LZMS, 1 << 26);
        ImageCapture.create(src, esd, ImageCapture.Description.named("solid"), Capture.Options.defaults(), opts);

        // Every solid resource's header names LZMS chunks of 64 MiB.
        String blobs = ExternalTools.run("wimlib-imagex", "info", esd.toString(), "--blobs").ok().stdout();
        Matcher m = Pattern.compile("Solid resource += \\d+ => \\d+ bytes @ offset (\\d+)").matcher(blobs);
        int solid = 0;
        try (FileChannel ch = FileChannel.open(esd)) {
            while (m.find()) {
                ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(h, Long.parseLong(m.group(1)));
                assertEquals(1 << 26, h.getInt(8), "solid chunk size");
                assertEquals(3, h.getInt(12), "solid compression format (3: LZMS)");
                solid++;
            }
        }
        assertTrue(solid > 0, blobs);
        verifyAndApply(src, esd);

        long size = Files.size(esd);
        long rawSize = uncompressedSize(src);
        assertTrue(size < rawSize * 3 / 4, "solid LZMS " + size + " bytes, uncompressed " + rawSize);
    }
}
