package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.write.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WIMs with solid resources (ESD style): rewritten without recompression by copying whole solid
 * resources, the blob table's solid runs rebuilt with their offsets, checked against wimlib. The
 * WIMs are made by wimlib with uncompressed metadata and LZX solid resources, so no LZMS codec is
 * needed to read them.
 */
class SolidTest {
    @TempDir
    Path tmp;
    Path wim;

    @BeforeEach
    void solidWim() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a/sub"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Random rnd = new Random(5);
        byte[] r = new byte[200_000];
        rnd.nextBytes(r);
        Files.write(a.getParent().resolve("random.bin"), r);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(a.resolve("text.txt"), text);
        Files.writeString(b.resolve("shared.txt"), text);
        rnd.nextBytes(r);
        Files.write(b.resolve("other.bin"), r);
        wim = tmp.resolve("solid.wim");
        Wimlib.run("capture", a.getParent().toString(), wim.toString(), "one", "--compress=none", "--solid",
                "--solid-compress=lzx");
        Wimlib.run("append", b.toString(), wim.toString(), "two", "--solid", "--solid-compress=lzx");
        Wimlib.assumeReadable(wim);
        try (Wim w = Wim.open(wim)) {
            assertEquals(2, w.blobTable().solidResourceCount(), "each capture made a solid resource");
        }
    }

    static boolean allSolid(Path wim) throws Exception {
        try (Wim w = Wim.open(wim)) {
            for (BlobDescriptor b : w.blobTable().blobs()) {
                if (!b.isMetadata() && !b.isInSolidResource()) {
                    return false;
                }
            }
            return w.blobTable().solidResourceCount() > 0;
        }
    }

    @Test
    void optimizeCopiesTheSolidResources() throws Exception {
        Path theirs = Files.copy(wim, tmp.resolve("theirs.wim"));
        Wimlib.run("optimize", theirs.toString());
        WimOptimize.optimize(wim, WriteChoices.none(), false, ProgressListener.NONE);
        Wimlib.verify(wim);
        assertTrue(allSolid(wim));
        assertEquals(Wimlib.blobs(theirs), Wimlib.blobs(wim));
        Wimlib.assertSameImages(theirs, 1, wim, 1, tmp);
        Wimlib.assertSameImages(theirs, 2, wim, 2, tmp);
        Wimlib.readAll(wim);
    }

    @Test
    void exportAllToANewWimStaysSolid() throws Exception {
        Path out = tmp.resolve("out.wim");
        try (Wim w = Wim.open(wim)) {
            ImageExport.export(w, List.of(1, 2), true, out, ImageExport.Options.defaults(), ProgressListener.NONE);
        }
        Wimlib.verify(out);
        assertTrue(allSolid(out));
        Wimlib.assertSameImages(wim, 1, out, 1, tmp);
        Wimlib.assertSameImages(wim, 2, out, 2, tmp);
        assertTrue(Files.size(out) <= Files.size(wim), "the solid resources are copied, not grown");
    }

    @Test
    void deletesKeepTheRunsReadable() throws Exception {
        Path soft = Files.copy(wim, tmp.resolve("soft.wim"));
        Path theirsSoft = Files.copy(wim, tmp.resolve("theirs-soft.wim"));
        Path theirs = Files.copy(wim, tmp.resolve("theirs.wim"));
        ImageDelete.delete(soft, List.of(1), true, null, false, ProgressListener.NONE);
        Wimlib.run("delete", "--soft", theirsSoft.toString(), "1");
        Wimlib.verify(soft);
        assertEquals(Wimlib.blobs(theirsSoft), Wimlib.blobs(soft));
        Wimlib.assertSameImages(wim, 2, soft, 1, tmp);

        // Image 2 needs less than two thirds of the first solid resource: that part is compressed anew.
        org.junit.jupiter.api.Assumptions.assumeTrue(org.jwim.compression.ChunkCodecs.canCompress(
                org.jwim.compression.CompressionType.LZX), "LZX compression is not available yet");
        ImageDelete.delete(wim, List.of(1), false, null, false, ProgressListener.NONE);
        Wimlib.run("delete", theirs.toString(), "1");
        Wimlib.verify(wim);
        Wimlib.assertSameImages(theirs, 1, wim, 1, tmp);
        Wimlib.readAll(wim);
    }

    @Test
    void editingPropertiesOfASolidWim() throws Exception {
        ImageProperties.apply(wim, 2, ImageProperties.Changes.none().withName("renamed").withBoot(true), false,
                ProgressListener.NONE);
        Wimlib.verify(wim);
        assertEquals("renamed", Wimlib.xml(wim).images().get(1).findText("NAME"));
        assertTrue(allSolid(wim));
    }
}
