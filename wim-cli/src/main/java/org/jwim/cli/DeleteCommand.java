package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.Wim;
import org.jwim.ops.ImageDelete;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim delete}: deletes images, as {@code wimlib-imagex delete}. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        sortOptions = false, description = {
    "Deletes images from a WIM (with --soft, as DISM's /Delete-Image).",
    "By default the WIM is rebuilt without the image, beside itself, and renamed into"
        + " place: no space is left unused. With --soft only the image's metadata and XML go (DISM: /Delete-Image):"
        + " the change is appended and the header written last; the data stays in the file until an optimize."})
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM (not a split WIM).")
    private String wim;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "1-based index, name, or \"all\".")
    private String image;

    @Option(names = "--soft", description = "Only drop the image (DISM's way): faster, but the file does not shrink.")
    private boolean soft;

    @Mixin
    private IntegrityFlags integrity;

    @Override
    public Integer call() throws IOException {
        ProgressListener progress = Progress.forStderr(top.err(), false);
        Boolean withIntegrity = integrity.integrity();
        List<Integer> images;
        try (Wim w = Modifying.open(wim, List.of(), false)) {
            images = Modifying.images(w, wim, image);
        }
        Modifying.run(() -> {
            ImageDelete.delete(Path.of(wim), images, soft, withIntegrity, integrity.verify(), progress);
            return null;
        });
        Progress.done(progress);
        return 0;
    }
}
