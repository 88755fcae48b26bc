package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.Wim;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code jwim append SOURCE WIM [NAME [DESCRIPTION]]}: a directory as a new image of an existing WIM (DISM /Append-Image). */
@Command(name = "append", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Captures a directory and appends it to an existing WIM as a new image (DISM: /Append-Image). "
                + "The WIM keeps its compression type and chunk size; new data goes after the old, and the header "
                + "is rewritten last, so an interrupted append leaves the WIM as it was.",
        sortOptions = false)
final class AppendCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Mixin
    private CaptureSettings s;

    @Override
    public Integer call() throws IOException {
        WriteOptions requested = s.writeOptions();
        ImageCapture.Description desc = s.description();
        s.requireSourceDirectory();
        if (!Files.exists(s.wimPath())) {
            throw CliException.failure("\"" + s.wim + "\" does not exist (use capture to make a new WIM)");
        }
        WriteOptions w = requested;
        try (Wim wim = Wim.open(s.wimPath())) {
            w = w.withCompression(wim.info().compressionType(), wim.info().chunkSize());
        }
        CaptureCommand.checkCompressors(w);
        Capture.Options c = s.captureOptions(top.err());
        List<String> warnings;
        try {
            warnings = ImageCapture.append(s.sourcePath(), s.wimPath(), desc, c, w, s.integrityChoice());
        } catch (IllegalArgumentException e) {
            throw CliException.failure(e.getMessage());
        }
        Progress.done(c.progress());
        top.warn(warnings);
        return 0;
    }
}
