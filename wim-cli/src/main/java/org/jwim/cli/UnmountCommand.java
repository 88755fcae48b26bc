package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.fs.ExtractedMount;
import org.jwim.fs.MountRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim unmount DIR --commit|--discard}: DISM's /Unmount-Image. */
@Command(name = "unmount", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Unmounts DIR, committing the changes first (--commit) or throwing them away (--discard);"
                + " DIR is emptied and stays.")
final class UnmountCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "DIR", description = "The mount directory.")
    private Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Choice choice;

    static final class Choice {
        @Option(names = "--commit", required = true, description = "Commit the changes, then unmount.")
        boolean commit;

        @Option(names = "--discard", required = true, description = "Unmount without committing.")
        boolean discard;
    }

    @Option(names = "--append", description = "Commit the changed tree as a new image appended to the WIM"
            + " (DISM's /Append; wimlib's --new-image) instead of replacing the image.")
    private boolean append;

    @Option(names = "--check", description = "Write an integrity table with the commit.")
    private boolean check;

    @Override
    public Integer call() throws IOException {
        ExtractedMount.CommitResult r = new ExtractedMount(MountRegistry.standard()).unmount(dir, choice.commit,
                append, check);
        if (choice.commit) {
            CommitCommand.report(top, r);
        }
        top.out().print("Unmounted \"" + dir.toAbsolutePath().normalize() + "\"\n");
        return 0;
    }
}
