package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.Image;
import org.jwim.Wim;
import org.jwim.ops.Apply;
import org.jwim.ops.ApplyOptions;
import org.jwim.ops.ApplyResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jwim apply}: an image (or all of them) onto a Linux directory, as
 * {@code wimlib-imagex apply} does.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Extracts an image (or all images) of a WIM to a directory, as "
        + "wimlib-imagex apply does on Linux.", sortOptions = false)
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM file (the first part of a split WIM).")
    private String wimArg;

    @Parameters(index = "1..2", arity = "1..2", paramLabel = "[IMAGE] TARGET", hideParamSyntax = true,
            description = "A 1-based index, a name, or \"all\" (may be left out when the WIM has one image), then "
                    + "the directory to create or fill (with \"all\": one subdirectory per image).")
    private java.util.List<String> rest;

    @Mixin
    private ApplyCliOptions common;

    @ArgGroup(exclusive = true)
    private RpFix rpFix;

    /** --rpfix or --norpfix. */
    static final class RpFix {
        @Option(names = "--rpfix", description = "Make absolute links fixed at capture point into TARGET "
                + "(the default when the WIM was captured with fix-ups).")
        boolean on;

        @Option(names = "--norpfix", description = "Leave absolute link targets as they are.")
        boolean off;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = top.out();
        String imageArg = rest.size() == 2 ? rest.get(0) : null;
        Path target = Path.of(rest.get(rest.size() - 1));
        ApplyCliOptions.ProgressLine line = new ApplyCliOptions.ProgressLine(top.err(),
                ApplyCliOptions.ProgressLine.wanted(common.quiet()));
        ApplyOptions options = common.options(line);
        if (rpFix != null) {
            options = options.withRpFix(rpFix.on ? ApplyOptions.RpFix.ON : ApplyOptions.RpFix.OFF);
        }
        try (Wim wim = common.open(wimArg)) {
            int image = image(wim, imageArg);
            ApplyResult r;
            if (image == ImageSelection.ALL) {
                if (!common.quiet()) {
                    out.print("Applying all " + wim.imageCount() + " images of \"" + wimArg + "\" to directory \""
                            + target + "\"\n");
                    out.flush();
                }
                r = Apply.allImages(wim, target, options);
            } else {
                Image img = wim.image(image);
                if (!common.quiet()) {
                    out.print("Applying image " + image + " (\"" + img.info().name() + "\") from \"" + wimArg
                            + "\" to directory \"" + target + "\"\n");
                    out.flush();
                }
                r = Apply.image(img, target, options);
                top.warn(img.tree().warnings());
            }
            line.endLine();
            top.warn(wim.warnings());
            if (!common.quiet()) {
                out.print("Done applying WIM image" + (image == ImageSelection.ALL ? "s" : "") + ": " + r.files()
                        + " files, " + r.directories() + " directories, " + r.symlinks() + " symbolic links, "
                        + ApplyCliOptions.ProgressLine.size(r.bytes()) + ".\n");
            }
        } finally {
            line.endLine();
        }
        return 0;
    }

    /** The image the arguments name: the only one when none is given. */
    private int image(Wim wim, String arg) throws IOException {
        if (arg == null) {
            if (wim.imageCount() != 1) {
                throw CliException.usage("\"" + wimArg + "\" contains " + wim.imageCount()
                        + " images: name one (or \"all\") before TARGET");
            }
            return 1;
        }
        int image = ImageSelection.resolve(wim, WimlibXml.read(wim), arg);
        if (image == ImageSelection.NONE) {
            throw ImageSelection.notValid(wimArg, arg);
        }
        return image;
    }
}
