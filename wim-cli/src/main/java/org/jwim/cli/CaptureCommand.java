package org.jwim.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.compression.ChunkCodecs;
import org.jwim.compression.CompressionType;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code jwim capture SOURCE WIM [NAME [DESCRIPTION]]}: a directory as the only image of a new WIM (DISM /Capture-Image). */
@Command(name = "capture", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Captures a directory into a new WIM (DISM: /Capture-Image). The WIM is written to a "
                + "temporary file and renamed at the end, so no half-written WIM is left under its name.",
        sortOptions = false)
final class CaptureCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Mixin
    private CaptureSettings s;

    @Override
    public Integer call() throws IOException {
        WriteOptions requested = s.writeOptions();
        ImageCapture.Description desc = s.description();
        s.requireSourceDirectory();
        WriteOptions w = requested;
        checkCompressors(w);
        Capture.Options c = s.captureOptions(top.err());
        List<String> warnings = ImageCapture.create(s.sourcePath(), s.wimPath(), desc, c, w);
        Progress.done(c.progress());
        top.warn(warnings);
        return 0;
    }

    private static String available() {
        StringBuilder b = new StringBuilder("none");
        for (CompressionType t : CompressionType.values()) {
            if (t != CompressionType.NONE && ChunkCodecs.canCompress(t)) {
                b.append('|').append(t.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return b.toString();
    }

    /** Fails with a clear message when a compression the options need is not available. */
    static void checkCompressors(WriteOptions w) {
        for (CompressionType t : List.of(w.compression(), w.solid() ? w.solidCompression() : CompressionType.NONE)) {
            if (t != CompressionType.NONE && !ChunkCodecs.canCompress(t)) {
                throw CliException.failure(t.name().toLowerCase(java.util.Locale.ROOT)
                        + " compression is not available in this version of jwim; use --compress="
                        + available());
            }
        }
    }
}
