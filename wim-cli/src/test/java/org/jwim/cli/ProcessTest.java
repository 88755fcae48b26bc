package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The command as a real process: exit statuses, UTF-8 standard output, stderr lines. */
class ProcessTest {

    /** Runs {@code cmd} in the C locale (no UTF-8 in it). */
    private static Cli.Result exec(List<String> cmd) {
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", "C");
        env.put("LANG", null);
        return Processes.exec(cmd, env);
    }

    /** java -cp (this test's class path) org.jwim.cli.Main ARGS, in the C locale. */
    private static Cli.Result java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** The image with non-ASCII names, so the output encoding matters. */
    private static TestWims.Target unicodeWim() {
        return TestWims.all().stream().filter(t -> t.images() == 1 && t.refs().isEmpty()
                && Cli.run("dir", t.wim().toString()).out().chars().anyMatch(c -> c > 127)
                && Cli.run("dir", t.wim().toString()).rc() == 0).findFirst().orElse(null);
    }

    @Test
    void exitStatusesAndUtf8Output() throws Exception {
        TestWims.Target t = unicodeWim();
        Assumptions.assumeTrue(t != null, "no readable WIM with non-ASCII names on this branch");
        Cli.Result r = java("dir", t.wim().toString());
        assertEquals(0, r.rc(), r.toString());
        assertArrayEquals(Cli.run("dir", t.wim().toString()).outBytes(), r.outBytes(), "UTF-8 whatever the locale");
        if (Wimlib.available()) {
            assertArrayEquals(Wimlib.run("dir", t.wim().toString()).outBytes(), r.outBytes());
        }
        Cli.Result missing = java("info", "/nonexistent/x.wim");
        assertEquals(1, missing.rc());
        assertEquals("jwim: error: /nonexistent/x.wim: no such file\n", missing.err());
        Cli.Result usage = java("info", "--bogus");
        assertEquals(2, usage.rc());
        assertTrue(usage.err().startsWith("jwim: error: "), usage.err());
    }

    /** The ./jwim launcher, when the jar it runs has been built (mvn package); skipped otherwise. */
    @Test
    void launcher() throws Exception {
        Path root = TestPaths.projectRoot();
        Path jar = root.resolve("wim-cli/target/jwim.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "wim-cli/target/jwim.jar is not built: ./jwim not run "
                + "(it would start a nested Maven build)");
        Assumptions.assumeTrue(Files.getLastModifiedTime(jar).compareTo(
                Files.getLastModifiedTime(root.resolve("wim-cli/target/classes/org/jwim/cli/Main.class"))) >= 0,
                "wim-cli/target/jwim.jar is older than the classes: ./jwim would rebuild it");
        String launcher = root.resolve("jwim").toString();
        Cli.Result v = exec(List.of(launcher, "--version"));
        assertEquals(0, v.rc(), v.toString());
        assertTrue(v.out().startsWith("jwim "), v.out());
        TestWims.Target t = TestWims.all().get(0);
        Cli.Result info = exec(List.of(launcher, "info", t.wim().toString()));
        assertEquals(0, info.rc(), info.toString());
        assertArrayEquals(Cli.run("info", t.wim().toString()).outBytes(), info.outBytes());
        Cli.Result bad = exec(List.of(launcher, "info", t.wim().toString(), "99"));
        assertEquals(2, bad.rc(), bad.toString());
        Cli.Result verify = exec(List.of(launcher, "verify", "/nonexistent.wim"));
        assertEquals(1, verify.rc(), verify.toString());
    }
}
