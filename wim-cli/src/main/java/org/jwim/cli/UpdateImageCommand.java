package org.jwim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.Wim;
import org.jwim.ops.Capture;
import org.jwim.ops.CaptureConfig;
import org.jwim.ops.ImageUpdate;
import org.jwim.ops.UpdateCommand;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim update}: adds, deletes and renames files in an image, as {@code wimlib-imagex update}. */
@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        sortOptions = false, description = {
    "Adds, deletes and renames files in an image (DISM: /Mount-Image, changes, /Commit-Image).",
    "The commands come one a line on standard input, or each with --command:",
    "  add [--unix-data] [--dereference] [--no-replace] SOURCE DESTINATION",
    "  delete [--force] [--recursive] PATH",
    "  rename OLD_PATH NEW_PATH",
    "Arguments with blanks go in \"...\" or '...'; lines starting with # are comments. The change is appended to the"
        + " WIM and the header written last (with --rebuild, or for a pipable WIM, the WIM is rewritten beside itself"
        + " and renamed into place). If a command fails, nothing is written."})
final class UpdateImageCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM (not a split WIM).")
    private String wim;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE",
            description = "1-based index or name; may be left out when the WIM has one image.")
    private String image;

    @Option(names = "--command", paramLabel = "STRING", description = "One update command (repeatable); then"
            + " standard input is not read.")
    private List<String> commands = new ArrayList<>();

    @Option(names = "--rebuild", description = "Rewrite the whole WIM instead of appending (no holes).")
    private boolean rebuild;

    @Option(names = "--threads", paramLabel = "N", description = "Compression threads (default: one per processor).")
    private int threads;

    @Option(names = "--dereference", description = "Every add follows symbolic links.")
    private boolean dereference;

    @Option(names = "--unix-data", description = "Every add stores UNIX owner, group, mode and device numbers.")
    private boolean unixData;

    @Option(names = "--no-replace", description = "No add replaces an existing file.")
    private boolean noReplace;

    @Option(names = "--config", paramLabel = "FILE", description = "Capture configuration ([ExclusionList],"
            + " [ExclusionException]) for every add.")
    private Path config;

    @Option(names = "--force", description = "No delete fails on a missing path.")
    private boolean force;

    @Option(names = "--recursive", description = "Every delete may delete a directory tree.")
    private boolean recursive;

    @Option(names = {"--no-acls", "--strict-acls"}, hidden = true,
            description = "Accepted for wimlib-imagex compatibility: jwim captures no ACLs on Linux.")
    private boolean acls;

    @Mixin
    private IntegrityFlags integrity;

    @Override
    public Integer call() throws IOException {
        ProgressListener progress = Progress.forStderr(top.err(), false);
        Boolean withIntegrity = integrity.integrity();
        int index;
        try (Wim w = Modifying.open(wim, List.of(), false)) {
            if (image == null) {
                if (w.imageCount() != 1) {
                    throw CliException.usage("\"" + wim + "\" contains " + w.imageCount()
                            + " images: give the IMAGE to update");
                }
                index = 1;
            } else {
                List<Integer> l = Modifying.images(w, wim, image);
                if (l.size() != 1) {
                    throw CliException.usage("update changes one image at a time, not \"" + image + "\"");
                }
                index = l.get(0);
            }
        }
        Capture.Options capture = Capture.Options.defaults().withUnixData(unixData).withDereference(dereference);
        if (config != null) {
            capture = capture.withConfig(CaptureConfig.read(config));
        }
        UpdateCommand.Defaults defaults = new UpdateCommand.Defaults(capture, noReplace, force, recursive);
        List<UpdateCommand> cmds = new ArrayList<>();
        try {
            if (commands.isEmpty()) {
                if (System.console() != null) {
                    top.err().print("Reading update commands from standard input (end with Ctrl-D)...\n");
                }
                cmds.addAll(UpdateCommand.parse(readStdin(), defaults));
            } else {
                for (String c : commands) {
                    cmds.addAll(UpdateCommand.parse(c, defaults));
                }
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        ImageUpdate.Options o = ImageUpdate.Options.defaults().withRebuild(rebuild).withIntegrity(withIntegrity)
                .withCheck(integrity.verify()).withThreads(threads);
        List<String> warnings = Modifying.run(() -> ImageUpdate.update(Path.of(wim), index, cmds, o,
                progress));
        Progress.done(progress);
        top.warn(warnings);
        for (UpdateCommand c : cmds) {
            if (c instanceof UpdateCommand.Delete d) {
                top.out().print("Deleted WIM path \"" + wimPath(d.path()) + "\"\n");
            } else if (c instanceof UpdateCommand.Rename r) {
                top.out().print("Renamed WIM path \"" + wimPath(r.from()) + "\" => \"" + wimPath(r.to()) + "\"\n");
            }
        }
        return 0;
    }

    /** A path in the image as wimlib-imagex prints it: '/' separators, one leading '/'. */
    private static String wimPath(String p) {
        return "/" + p.replace('\\', '/').replaceFirst("^/+", "");
    }

    private static String readStdin() throws IOException {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
