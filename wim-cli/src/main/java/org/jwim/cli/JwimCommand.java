package org.jwim.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
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
        description = "Reads, writes and services Windows imaging files (WIM, ESD, split SWM), as wimlib-imagex does.")
final class JwimCommand implements Callable<Integer> {
    /** The subcommands in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(InfoCommand.class, DirCommand.class,
            VerifyCommand.class, ApplyCommand.class, ExtractCommand.class, CaptureCommand.class,
            AppendCommand.class, ExportCommand.class, DeleteCommand.class, OptimizeCommand.class,
            SplitCommand.class, JoinCommand.class, UpdateImageCommand.class, MountCommand.class,
            UnmountCommand.class, CommitCommand.class, RemountCommand.class, MountsCommand.class,
            CleanupCommand.class);

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

    /**
     * The command line for these arguments. picocli builds a subcommand's model by reflection
     * (about half a second for all of them on a cold JVM), so when the arguments name a
     * subcommand only that one is added; help, a version request or an unknown name gets all.
     */
    CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(this);
        String name = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                name = a;
                break;
            }
        }
        String wanted = name;
        boolean known = SUBCOMMANDS.stream().anyMatch(c -> commandName(c).equals(wanted));
        for (Class<?> c : SUBCOMMANDS) {
            if (!known || commandName(c).equals(wanted)) {
                cl.addSubcommand(c);
            }
        }
        if (!known) {
            cl.addSubcommand(CommandLine.HelpCommand.class);
        }
        return cl;
    }

    private static String commandName(Class<?> c) {
        return c.getAnnotation(Command.class).name();
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
