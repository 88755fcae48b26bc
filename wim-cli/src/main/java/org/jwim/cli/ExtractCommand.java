package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.Image;
import org.jwim.Wim;
import org.jwim.ops.Apply;
import org.jwim.ops.ApplyOptions;
import org.jwim.ops.ExtractPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jwim extract}: files and directory trees of an image, as {@code wimlib-imagex extract}
 * does. Consecutive PATH arguments are extracted together straight into the destination (each
 * under its own name); each {@code @LISTFILE} is extracted keeping the image's directories.
 */
@Command(name = "extract", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Extracts files or directory trees of an image, as wimlib-imagex extract "
        + "does.", sortOptions = false)
final class ExtractCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM file (the first part of a split WIM).")
    private String wimArg;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "A 1-based index or an image name.")
    private String imageArg;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "PATH|@LISTFILE",
            description = "Image paths ('/' or '\\' between names; '*' and '?' match within a name), or @FILE for a "
                    + "file listing paths one per line (@- for standard input). None: the whole image.")
    private List<String> paths = new ArrayList<>();

    @Option(names = "--dest-dir", paramLabel = "DIR", description = "Where to extract to (default: the current "
            + "directory).")
    private String destDir = ".";

    @Option(names = "--to-stdout", description = "Write the files' data to standard output instead.")
    private boolean toStdout;

    @Option(names = "--preserve-dir-structure", description = "Recreate the directories leading to each PATH.")
    private boolean preserveDirStructure;

    @Option(names = {"--no-globs", "--no-wildcards"}, description = "Take '*' and '?' in paths literally.")
    private boolean noGlobs;

    @Option(names = "--nullglob", description = "A path matching nothing is a warning, not an error.")
    private boolean nullGlob;

    @Mixin
    private ApplyCliOptions common;

    @Override
    public Integer call() throws IOException {
        if (noGlobs && nullGlob) {
            throw CliException.usage("can't combine --no-globs and --nullglob");
        }
        boolean quiet = common.quiet() || toStdout;
        ApplyCliOptions.ProgressLine line = new ApplyCliOptions.ProgressLine(top.err(),
                ApplyCliOptions.ProgressLine.wanted(quiet));
        ApplyOptions options = common.options(line).withRpFix(ApplyOptions.RpFix.OFF);
        ExtractPaths.Matching matching = noGlobs ? ExtractPaths.Matching.LITERAL
                : nullGlob ? ExtractPaths.Matching.NULL_GLOB : ExtractPaths.Matching.GLOB;
        try (Wim wim = common.open(wimArg)) {
            Image image = wim.image(singleImage(wim));
            List<String> args = paths.isEmpty() ? List.of("/") : paths;
            if (paths.isEmpty()) {
                matching = ExtractPaths.Matching.LITERAL;
            }
            Path dest = Path.of(destDir);
            for (int i = 0; i < args.size(); ) {
                List<String> group = new ArrayList<>();
                boolean listFile = args.get(i).startsWith("@");
                if (listFile) {
                    group.addAll(readListFile(args.get(i++).substring(1)));
                } else {
                    while (i < args.size() && !args.get(i).startsWith("@")) {
                        group.add(args.get(i++));
                    }
                }
                if (toStdout) {
                    PrintStream out = top.out();
                    Apply.toStream(image, group, matching, out);
                } else {
                    Apply.paths(image, group, dest, options.withPreserveDirStructure(listFile || preserveDirStructure),
                            matching);
                    line.endLine();
                }
            }
            top.warn(image.tree().warnings());
            top.warn(wim.warnings());
            if (!quiet) {
                top.out().print("Done extracting files.\n");
            }
        } finally {
            line.endLine();
        }
        return 0;
    }

    /** The one image IMAGE names ("all" is not allowed here, as in wimlib-imagex). */
    private int singleImage(Wim wim) throws IOException {
        int image = ImageSelection.resolve(wim, WimlibXml.read(wim), imageArg);
        if (image == ImageSelection.NONE) {
            throw ImageSelection.notValid(wimArg, imageArg);
        }
        if (image == ImageSelection.ALL) {
            throw CliException.usage("extract works on one image: name one image of \"" + wimArg + "\", not all");
        }
        return image;
    }

    /** The paths in list file {@code name} ("-": standard input). */
    private static List<String> readListFile(String name) throws IOException {
        byte[] content = name.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(name));
        return ExtractPaths.readListFile(content);
    }
}
