package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.ops.WimSplit;
import org.jwim.write.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jwim join}: joins a split WIM, as {@code wimlib-imagex join}. */
@Command(name = "join", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        sortOptions = false, description = {
    "Joins the parts of a split WIM into one WIM.",
    "Joins all the parts of a split WIM (in any order) into one WIM, written beside OUT_WIM and renamed into place."})
final class JoinCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Parameters(index = "0", paramLabel = "OUT_WIM", description = "The WIM to write.")
    private String out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SPLIT_WIM_PART", description = "Every part of the set.")
    private List<String> parts = new ArrayList<>();

    @Mixin
    private IntegrityFlags integrity;

    @Override
    public Integer call() throws IOException {
        ProgressListener progress = Progress.forStderr(top.err(), false);
        Boolean withIntegrity = integrity.integrity();
        List<Path> paths = parts.stream().map(Path::of).toList();
        Modifying.run(() -> {
            WimSplit.join(Path.of(out), paths, withIntegrity, integrity.verify(), progress);
            return null;
        });
        Progress.done(progress);
        return 0;
    }
}
