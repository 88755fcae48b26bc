package org.jwim.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.fs.ExtractedMount;
import org.jwim.fs.MountRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jwim mounts}: DISM's /Get-MountedImageInfo. */
@Command(name = "mounts", mixinStandardHelpOptions = true,
        description = "Lists the mounted images: directory, WIM, image, read-write or read-only, status.")
final class MountsCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Override
    public Integer call() throws IOException {
        List<ExtractedMount.Info> l = new ExtractedMount(MountRegistry.standard()).list();
        if (l.isEmpty()) {
            top.out().print("No mounted images\n");
        }
        for (ExtractedMount.Info i : l) {
            top.out().print("Mount Dir : " + i.dir() + "\n");
            top.out().print("Image File : " + (i.wim() == null ? "?" : i.wim()) + "\n");
            top.out().print("Image Index : " + i.image() + "\n");
            top.out().print("Mounted Read/Write : " + (i.readOnly() ? "No" : "Yes") + "\n");
            top.out().print("Status : " + i.status() + "\n\n");
        }
        return 0;
    }
}
