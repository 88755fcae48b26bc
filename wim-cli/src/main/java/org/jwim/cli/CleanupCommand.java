package org.jwim.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.fs.ExtractedMount;
import org.jwim.fs.MountRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jwim cleanup}: DISM's /Cleanup-Mountpoints. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Recovers from crashed mounts: forgets mounts whose directory, WIM or state is gone and ends"
                + " interrupted commits. Healthy mounts are left alone.")
final class CleanupCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Override
    public Integer call() throws IOException {
        List<String> done = new ExtractedMount(MountRegistry.standard()).cleanup();
        if (done.isEmpty()) {
            top.out().print("Nothing to clean up\n");
        }
        done.forEach(s -> top.out().print(s + "\n"));
        return 0;
    }
}
