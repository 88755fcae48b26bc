package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jwim verify}: checks everything in a WIM and reports every problem, one line each, then a
 * summary. Exit status 0 when nothing is wrong, 1 otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Checks a WIM: integrity table, blob table, XML data, every image's "
        + "metadata and every blob's data against its SHA-1.", sortOptions = false)
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    private JwimCommand top;

    @Mixin
    private WimArgument wimArg;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads decoding chunks while one hashes them (default: one per CPU).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        PrintStream out = top.out();
        Wim wim;
        try {
            wim = wimArg.open();
        } catch (WimFormatException e) {
            out.print("problem: " + Main.describe(e) + "\n");
            out.print("\"" + wimArg.text() + "\": 1 problem found (the header or the XML data cannot be read)\n");
            return CliException.FAILURE;
        }
        try (wim) {
            Verifier v = new Verifier(wim, out, threads);
            v.run();
            if (v.problems() == 0) {
                out.print("\"" + wimArg.text() + "\" verified: no problems (" + v.checked() + ")\n");
            } else {
                out.print("\"" + wimArg.text() + "\": " + v.problems() + " problem" + (v.problems() == 1 ? "" : "s")
                        + " found (" + v.checked() + ")\n");
            }
            top.warn(wim.warnings());
            return v.problems() == 0 ? 0 : CliException.FAILURE;
        }
    }
}
