package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.ops.WimOptimize;
import org.jwim.ops.WriteChoices;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim optimize}: rebuilds a WIM without holes, as {@code wimlib-imagex optimize}. */
@Command(name = "optimize", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        sortOptions = false, description = {
    "Rebuilds a WIM without unused space, optionally recompressed.",
    "Rebuilds a WIM beside itself and renames the new file into place, leaving out the space earlier appends and"
        + " soft deletes left unused. Compressed data is copied as it is unless --recompress, --compress or --solid"
        + " ask otherwise; the WIM stays solid or pipable as it was unless told."})
final class OptimizeCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM (not a split WIM).")
    private String wim;

    @Mixin
    private WriteFlags write;

    @Mixin
    private IntegrityFlags integrity;

    @Override
    public Integer call() throws IOException {
        ProgressListener progress = Progress.forStderr(top.err(), false);
        WriteChoices c = write.choices(integrity.integrity());
        if (write.compressionGiven() || write.solid) {
            // As wimlib-imagex: a compression type or --solid means compressing everything anew.
            c = c.withRecompress(true);
        }
        Path path = Path.of(wim);
        PrintStream out = top.out();
        long before = Files.size(path);
        out.print("\"" + wim + "\" original size: " + (before >> 10) + " KiB\n");
        WriteChoices choices = c;
        Modifying.run(() -> {
            WimOptimize.optimize(path, choices, integrity.verify(), progress);
            return null;
        });
        Progress.done(progress);
        long after = Files.size(path);
        out.print("\"" + wim + "\" optimized size: " + (after >> 10) + " KiB\n");
        out.print("Space saved: " + ((before - after) >> 10) + " KiB\n");
        return 0;
    }
}
