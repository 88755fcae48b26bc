package org.jwim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs wimlib-imagex and 7zz for interop tests; tests are skipped with a message where they are missing. */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Output and exit code of a finished command. */
    public record Run(int exitCode, String stdout, String stderr) {
        public Run ok() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with exit code " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }

    public static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test (with a message) unless {@code tool} is installed. */
    public static void require(String tool) {
        assumeTrue(has(tool), tool + " is not installed: run .ci/run or apt-get install wimtools 7zip");
    }

    public static Run run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        byte[][] result = new byte[2][];
        Thread t = new Thread(() -> {
            try {
                result[1] = err.readAllBytes();
            } catch (IOException e) {
                result[1] = new byte[0];
            }
        });
        t.start();
        result[0] = out.readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("command timed out: " + cmd);
        }
        t.join();
        return new Run(p.exitValue(), new String(result[0], StandardCharsets.UTF_8),
                new String(result[1], StandardCharsets.UTF_8));
    }
}
