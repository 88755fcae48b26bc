package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.fs.ExtractedMount;
import org.jwim.fs.MountRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim commit DIR}: DISM's /Commit-Image; the image stays mounted. */
@Command(name = "commit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Commits the changes made at the mount DIR as a new version of the image (append mode: only"
                + " new data and metadata are written, the header last); DIR stays mounted.")
final class CommitCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "DIR", description = "The mount directory.")
    private Path dir;

    @Option(names = "--append", description = "Commit as a new image appended to the WIM; the mount then shows it.")
    private boolean append;

    @Option(names = "--check", description = "Write an integrity table with the commit.")
    private boolean check;

    @Override
    public Integer call() throws IOException {
        report(top, new ExtractedMount(MountRegistry.standard()).commit(dir, append, check));
        return 0;
    }

    static void report(JwimCommand top, ExtractedMount.CommitResult r) {
        if (r.nothing()) {
            top.out().print("No changes to commit\n");
        } else {
            top.out().print("Committed image " + r.image() + ": " + r.added() + " added, " + r.changed() + " changed, "
                    + r.deleted() + " deleted\n");
        }
    }
}
