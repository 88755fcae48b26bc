package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.Wim;
import org.jwim.ops.ImageProperties;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Option;

/**
 * The editing options of {@code jwim info} (NEW_NAME and NEW_DESC are the command's own
 * positional parameters) and the editing form itself: {@code jwim info WIM IMAGE [NEW_NAME [NEW_DESC]] [--image-property
 * NAME=VALUE]... [--boot] [--check|--nocheck]}, as wimlib-imagex info has it (and its messages);
 * {@link ImageProperties} does the work. Beyond wimlib-imagex 1.13.5, --nocheck and
 * --include-integrity with an explicit IMAGE drop or add the integrity table on their own.
 */
final class InfoEdit {
    @Option(names = "--image-property", paramLabel = "NAME=VALUE", description = "Set a property of IMAGE in the XML"
            + " data: a path such as WINDOWS/EDITIONID or WINDOWS/LANGUAGES/LANGUAGE[2] (an empty VALUE deletes it;"
            + " repeatable).")
    private List<String> properties = new ArrayList<>();

    @Option(names = "--boot", description = "Make IMAGE the bootable image (IMAGE 0: none).")
    private boolean boot;

    @Option(names = "--check", description = "Verify the integrity table first; when changing the WIM, write one.")
    private boolean check;

    @Option(names = "--nocheck", description = "When changing the WIM, drop its integrity table.")
    private boolean nocheck;

    @Option(names = "--include-integrity", description = "When changing the WIM, write an integrity table.")
    private boolean include;

    /** Whether the arguments ask for a change rather than a display. */
    boolean isEdit(String imageArg, String newName) {
        if (check && nocheck) {
            throw CliException.usage("--check and --nocheck cannot be given together");
        }
        return boot || newName != null || !properties.isEmpty() || (imageArg != null && (nocheck || include));
    }

    /** For a display with --check: verifies the integrity table, or warns that there is none. */
    void checkIntegrity(JwimCommand top, Wim wim, String wimText) throws IOException {
        if (!check) {
            return;
        }
        if (!wim.info().hasIntegrity()) {
            top.err().print("jwim: warning: \"" + wimText + "\" does not contain integrity information; skipping the"
                    + " integrity check\n");
            return;
        }
        List<String> problems = wim.checkIntegrity();
        if (!problems.isEmpty()) {
            throw CliException.failure("\"" + wimText + "\" failed its integrity check: " + String.join("; ", problems));
        }
    }

    int run(JwimCommand top, WimArgument wimArg, String imageArg, String newName, String newDesc) throws IOException {
        String arg = imageArg == null ? "all" : imageArg;
        int image;
        try (Wim wim = wimArg.open()) {
            image = ImageSelection.resolve(wim, WimlibXml.read(wim), arg);
            if (image == ImageSelection.NONE && !arg.equals("0")) {
                throw ImageSelection.notValid(wimArg.text(), arg);
            }
            if (boot && wim.imageCount() == 0) {
                throw CliException.usage("--boot is meaningless on a WIM with no images");
            }
            if (image == ImageSelection.ALL) {
                if (wim.imageCount() > 1 && (boot || newName != null)) {
                    throw CliException.usage("give one IMAGE of the " + wim.imageCount() + " to change (not \"" + arg
                            + "\")");
                }
                image = 1;
            }
            if (image == ImageSelection.NONE && (newName != null || !properties.isEmpty())) {
                throw CliException.usage("image 0 has no name or properties to change");
            }
        }
        ImageProperties.Changes c = ImageProperties.Changes.none().withName(newName).withDescription(newDesc)
                .withBoot(boot).withIntegrity(check || include ? Boolean.TRUE : nocheck ? Boolean.FALSE : null);
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--image-property \"" + p + "\": expected NAME=VALUE");
            }
            c = c.withProperty(p.substring(0, eq), p.substring(eq + 1));
        }
        ImageProperties.Changes changes = c;
        int target = image;
        ImageProperties.Outcome o;
        try {
            o = Modifying.run(() -> ImageProperties.apply(Path.of(wimArg.text()), target, changes, check,
                    ProgressListener.NONE));
        } catch (IllegalArgumentException e) {
            throw CliException.failure(e.getMessage());
        }
        for (String m : o.messages()) {
            top.out().print(m + "\n");
        }
        if (!o.written()) {
            top.out().print("The file \"" + wimArg.text() + "\" was not modified because nothing needed to be done.\n");
        }
        return 0;
    }
}
