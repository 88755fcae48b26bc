package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DISM's workflow at the shell: mount, change the files with ordinary commands, unmount --commit;
 * then wimlib-imagex verify and apply show exactly the changed tree. Runs {@code ./jwim} when its
 * jar is up to date, else the same classes through {@code java -cp} (the launcher would start a
 * nested Maven build).
 */
class MountWorkflowTest {
    @TempDir
    Path tmp;

    private static final String CHANGES = String.join("\n",
            "echo 'a new file' > \"$1/new.txt\"",
            "mkdir -p \"$1/added/sub\" && cp \"$1/pe/notepad.exe\" \"$1/added/sub/n.exe\"",
            "printf 'replaced' > \"$1/text/big.txt\"",
            "rm -r \"$1/deep\" \"$1/sizes/0\"",
            "mv \"$1/dups/a.bin\" \"$1/dups/renamed.bin\"",
            "ln \"$1/new.txt\" \"$1/added/hard.txt\"",
            "ln -s ../text/big.txt \"$1/added/link\"",
            "");

    private String launcher() throws Exception {
        Path root = TestPaths.projectRoot();
        Path jar = root.resolve("wim-cli/target/jwim.jar");
        Path main = root.resolve("wim-cli/target/classes/org/jwim/cli/Main.class");
        if (Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(main)) >= 0) {
            return root.resolve("jwim").toString();
        }
        Path wrapper = tmp.resolve("jwim");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper.toString();
    }

    private static Cli.Result sh(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-euo", "pipefail", "-c", script, "sh"));
        cmd.addAll(List.of(args));
        return Processes.exec(cmd, Map.of("LC_ALL", "C.UTF-8"));
    }

    /** Path → "dir", "file SHA" or "link TARGET" of a tree on disk (wimlib's prefix cut from fixed absolute links). */
    private static Map<String, String> describe(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "link " + Files.readSymbolicLink(p).toString().replace(root.toString(), "<root>"));
                } else if (Files.isDirectory(p)) {
                    m.put(rel, "dir");
                } else {
                    m.put(rel, "file " + java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(p))));
                }
            }
        }
        return m;
    }

    @Test
    void mountChangeUnmountCommitAtTheShell() throws Exception {
        Assumptions.assumeTrue(Wimlib.available(), "wimlib-imagex is not installed");
        Path wim = tmp.resolve("multi.wim");
        Path source = TestPaths.testdata().resolve("wims/multi.wim");
        assertEquals(0, sh("wimlib-imagex export \"$1\" all \"$2\" --compress=none >/dev/null", source.toString(),
                wim.toString()).rc());
        Path expected = tmp.resolve("expected");
        assertEquals(0, sh("wimlib-imagex apply \"$1\" 3 \"$2\" >/dev/null && " + "f() {\n" + CHANGES + "}\nf \"$2\"",
                wim.toString(), expected.toString()).rc());

        String jwim = launcher();
        String script = String.join("\n",
                "export JWIM_MOUNT_REGISTRY=\"$3/registry\"",
                "J=\"$1\"; W=\"$2\"; M=\"$3/mnt\"",
                "\"$J\" mount \"$W\" basic \"$M\"",
                "\"$J\" mounts | grep -q 'Status : ok'",
                "f() {\n" + CHANGES + "}",
                "f \"$M\"",
                "\"$J\" unmount \"$M\" --commit",
                "test -z \"$(ls -A \"$M\")\"",
                "\"$J\" mounts | grep -q 'No mounted images'",
                "wimlib-imagex verify \"$W\" >/dev/null",
                "wimlib-imagex apply \"$W\" 3 \"$3/applied\" >/dev/null",
                "");
        Cli.Result r = sh(script, jwim, wim.toString(), tmp.toString());
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.out().contains("Committed image 3:"), r.out());
        assertEquals(describe(expected), describe(tmp.resolve("applied")));
        assertTrue(Files.isSameFile(tmp.resolve("applied/new.txt"), tmp.resolve("applied/added/hard.txt")));
        System.out.println("[mount workflow] ran " + jwim);
    }

    @Test
    void errorsAreOneLine() throws Exception {
        Path registry = tmp.resolve("registry");
        System.setProperty("jwim.mount.registry", registry.toString());
        try {
            Cli.Result r = Cli.run("unmount", tmp.resolve("nothing").toString(), "--commit");
            assertEquals(1, r.rc(), r.toString());
            assertTrue(r.err().startsWith("jwim: error: ") && r.err().contains("no mount at"), r.err());
            Cli.Result both = Cli.run("unmount", tmp.toString(), "--commit", "--discard");
            assertEquals(2, both.rc(), both.toString());
            Cli.Result neither = Cli.run("unmount", tmp.toString());
            assertEquals(2, neither.rc(), neither.toString());
            assertEquals("No mounted images\n", Cli.run("mounts").out());
            assertEquals("Nothing to clean up\n", Cli.run("cleanup").out());
        } finally {
            System.clearProperty("jwim.mount.registry");
        }
    }
}
