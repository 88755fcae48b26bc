package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.fs.ExtractedMount;
import org.jwim.fs.MountRegistry;
import org.jwim.fs.MountState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jwim mount WIM IMAGE DIR}: DISM's /Mount-Image. The image is extracted to DIR and the
 * mount recorded in a state file beside it (no FUSE: see wim-core/FS.md for why).
 */
@Command(name = "mount", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mounts an image at DIR (extracted there; the original tree is recorded beside DIR so that"
                + " a commit writes only what changed).")
final class MountCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM file.")
    private Path wim;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "Image index (1-based) or name.")
    private String image;

    @Parameters(index = "2", paramLabel = "DIR", description = "The mount directory (made if missing; must be empty).")
    private Path dir;

    @Option(names = "--readonly", description = "Mount read-only: the mount can only be unmounted with --discard.")
    private boolean readOnly;

    @Option(names = "--check", description = "Verify the WIM's integrity table first.")
    private boolean check;

    @Override
    public Integer call() throws IOException {
        MountState s = new ExtractedMount(MountRegistry.standard()).mount(wim, image, dir, readOnly, check);
        top.out().print("Mounted image " + s.image() + " of \"" + s.wim() + "\" at \"" + dir.toAbsolutePath().normalize()
                + "\" (" + (s.readOnly() ? "read-only" : "read-write") + ", " + s.entries().size() + " files)\n");
        return 0;
    }
}
