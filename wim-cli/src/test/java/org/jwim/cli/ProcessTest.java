package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.jwim.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The ./jwim launcher script itself (its locale handling, exec of java -jar) on this build's
     * classes: a copy of the script sits beside a jar whose manifest points at the test class path,
     * where the script looks for wim-cli/target/jwim.jar (with no sources there it builds nothing).
     */
    @Test
    void launcher(@TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("jwim");
        Files.copy(TestPaths.projectRoot().resolve("jwim"), script);
        script.toFile().setExecutable(true);
        Path jar = tmp.resolve("wim-cli/target/jwim.jar");
        Files.createDirectories(jar.getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            cp.append(Path.of(e).toAbsolutePath().toUri()).append(' ');
        }
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().trim());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.flush();
        }
        String launcher = script.toString();
        Cli.Result v = exec(List.of(launcher, "--version"));
        assertEquals(0, v.rc(), v.toString());
        assertTrue(v.out().startsWith("jwim "), v.out());
        assertTrue(v.err().isEmpty(), "the launcher built nothing: " + v.err());
        TestWims.Target t = TestWims.all().get(0);
        Cli.Result info = exec(List.of(launcher, "info", t.wim().toString()));
        assertEquals(0, info.rc(), info.toString());
        assertArrayEquals(Cli.run("info", t.wim().toString()).outBytes(), info.outBytes());
        Cli.Result bad = exec(List.of(launcher, "info", t.wim().toString(), "99"));
        assertEquals(2, bad.rc(), bad.toString());
        Cli.Result verify = exec(List.of(launcher, "verify", "/nonexistent.wim"));
        assertEquals(1, verify.rc(), verify.toString());
        assertEquals("jwim: error: /nonexistent.wim: no such file\n", verify.err());
        TestWims.Target u = unicodeWim();
        if (u != null) {
            assertArrayEquals(Cli.run("dir", u.wim().toString()).outBytes(),
                    exec(List.of(launcher, "dir", u.wim().toString())).outBytes(), "non-ASCII names under LC_ALL=C");
        }
    }
}
