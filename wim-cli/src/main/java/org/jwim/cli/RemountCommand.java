package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.fs.ExtractedMount;
import org.jwim.fs.MountRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim remount DIR}: DISM's /Remount-Image. */
@Command(name = "remount", mixinStandardHelpOptions = true,
        description = "Brings back a mount whose directory was lost or emptied, by extracting the image again.")
final class RemountCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "DIR", description = "The mount directory.")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        boolean done = new ExtractedMount(MountRegistry.standard()).remount(dir);
        top.out().print((done ? "Remounted \"" : "Already mounted: \"") + dir.toAbsolutePath().normalize() + "\"\n");
        return 0;
    }
}
