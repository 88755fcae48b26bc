package org.jwim.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code jwim} command: global options and the subcommands. */
@Command(name = "jwim", mixinStandardHelpOptions = true, versionProvider = JwimCommand.Version.class,
        description = "Reads, writes and services Windows imaging files (WIM, ESD, split SWM), as wimlib-imagex does.",
        subcommands = {InfoCommand.class, DirCommand.class, VerifyCommand.class, ApplyCommand.class, ExtractCommand.class,
                CaptureCommand.class,
                AppendCommand.class, ExportCommand.class, DeleteCommand.class, OptimizeCommand.class, SplitCommand.class,
                JoinCommand.class, UpdateImageCommand.class, MountCommand.class, UnmountCommand.class,
                CommitCommand.class, RemountCommand.class, MountsCommand.class, CleanupCommand.class,
                CommandLine.HelpCommand.class})
final class JwimCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On errors, print the stack trace as well as the message.")
    private boolean debug;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    JwimCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean debug() {
        return debug;
    }

    /** Prints each warning the WIM reader collected, as wimlib prints its warnings, on stderr. */
    void warn(Iterable<String> warnings) {
        for (String w : warnings) {
            err.print("jwim: warning: " + w + "\n");
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliException.USAGE;
    }

    /** The version recorded in the jar by Maven, "dev" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = "dev";
            try (InputStream in = JwimCommand.class.getResourceAsStream("/META-INF/maven/org.jwim/wim-cli/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    v = p.getProperty("version", v);
                }
            } catch (java.io.IOException e) {
                // keep "dev"
            }
            return new String[] {"jwim " + v + " (Java " + Runtime.version() + ")"};
        }
    }
}
