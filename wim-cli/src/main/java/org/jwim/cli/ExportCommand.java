package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.Wim;
import org.jwim.ops.ImageExport;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim export}: copies images into another WIM, as {@code wimlib-imagex export}. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        sortOptions = false, description = {
    "Copies images into another WIM, new or existing (DISM: /Export-Image).",
    "A new DEST_WIM is written beside its name and renamed into place; an existing one gets the images appended (header written last), or is"
        + " rebuilt with --rebuild. Only data DEST_WIM lacks is copied, without recompression when the compression"
        + " type and chunk size match.",
    "A new DEST_WIM has the source's compression (LZMS with --solid) and is solid if the source is."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "SRC_WIM", description = "The WIM to export from (the first part of a split WIM).")
    private String src;

    @Parameters(index = "1", paramLabel = "SRC_IMAGE", description = "1-based index, name, or \"all\".")
    private String image;

    @Parameters(index = "2", paramLabel = "DEST_WIM", description = "The WIM to export to (created if missing).")
    private String dest;

    @Parameters(index = "3", arity = "0..1", paramLabel = "DEST_NAME",
            description = "Name of the exported image (one image only; \"\" for none).")
    private String destName;

    @Parameters(index = "4", arity = "0..1", paramLabel = "DEST_DESC", description = "Its description.")
    private String destDesc;

    @Option(names = "--boot", description = "Make the exported image (with \"all\": the source's bootable image) the"
            + " bootable image of DEST_WIM.")
    private boolean boot;

    @Option(names = "--rebuild", description = "Rebuild an existing DEST_WIM instead of appending to it (no holes).")
    private boolean rebuild;

    @Option(names = "--ref", paramLabel = "GLOB", description = "The other parts of a split SRC_WIM, or the WIMs a"
            + " delta WIM refers to (repeatable; a quoted glob).")
    private List<String> refs = new ArrayList<>();

    @Mixin
    private WriteFlags write;

    @Mixin
    private IntegrityFlags integrity;

    @Override
    public Integer call() throws IOException {
        ProgressListener progress = Progress.forStderr(top.err(), false);
        Boolean withIntegrity = integrity.integrity();
        try (Wim wim = Modifying.open(src, refs, integrity.verify())) {
            List<Integer> images = Modifying.images(wim, src, image);
            if (Modifying.isAll(image) && (destName != null || destDesc != null)) {
                throw CliException.usage("DEST_NAME and DEST_DESC cannot be given when exporting all images");
            }
            ImageExport.Options o = ImageExport.Options.defaults().withNames(destName, destDesc).withBoot(boot)
                    .withWrite(write.choices(withIntegrity)).withRebuild(rebuild).withCheck(integrity.verify());
            Modifying.run(() -> {
                ImageExport.export(wim, images, Modifying.isAll(image), Path.of(dest), o, progress);
                return null;
            });
        Progress.done(progress);
        }
        return 0;
    }
}
