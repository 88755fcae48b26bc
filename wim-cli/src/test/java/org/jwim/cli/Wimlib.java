package org.jwim.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Runs the installed wimlib-imagex (in the C.UTF-8 locale, so its day and month names are English). */
final class Wimlib {
    private static final Path EXE = find();

    private Wimlib() {
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "wimlib-imagex");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static boolean available() {
        return EXE != null;
    }

    /** Skips the calling test (with a message) on machines without wimlib-imagex. */
    static void assume() {
        Assumptions.assumeTrue(available(), "wimlib-imagex is not installed: comparison with wimlib skipped");
    }

    static Cli.Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(EXE.toString());
        cmd.addAll(args);
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", "C.UTF-8");
        env.put("WIMLIB_IMAGEX_IGNORE_CASE", null);
        return Processes.exec(cmd, env);
    }

    static Cli.Result run(String... args) {
        return run(List.of(args));
    }
}
