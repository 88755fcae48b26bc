package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.ops.WimSplit;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim split}: splits a WIM into parts, as {@code wimlib-imagex split}. */
@Command(name = "split", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        sortOptions = false, description = {
    "Splits a WIM into parts (DISM: /Split-Image).",
    "The parts hold at most PART_SIZE MiB each: SPLIT_WIM_PART_1, then the same name with"
        + " 2, 3, ... before the extension. A part is larger only when one resource is. WIM is not changed."})
final class SplitCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM to split.")
    private String wim;

    @Parameters(index = "1", paramLabel = "SPLIT_WIM_PART_1", description = "The first part, e.g. install.swm.")
    private String first;

    @Parameters(index = "2", paramLabel = "PART_SIZE", description = "Largest part in MiB (a decimal number).")
    private String partSize;

    @Mixin
    private IntegrityFlags integrity;

    @Override
    public Integer call() throws IOException {
        ProgressListener progress = Progress.forStderr(top.err(), false);
        double mib;
        try {
            mib = Double.parseDouble(partSize);
        } catch (NumberFormatException e) {
            mib = -1;
        }
        long bytes = (long) (mib * (1 << 20));
        if (!(mib > 0) || bytes <= 0) {
            throw CliException.usage("invalid part size \"" + partSize + "\": give a number of MiB, such as 100 or 0.5");
        }
        boolean withIntegrity = Boolean.TRUE.equals(integrity.integrity());
        Modifying.run(() -> WimSplit.split(Path.of(wim), Path.of(first), bytes, withIntegrity, integrity.verify(),
                progress));
        Progress.done(progress);
        top.out().print("Finished splitting \"" + wim + "\"\n");
        return 0;
    }
}
