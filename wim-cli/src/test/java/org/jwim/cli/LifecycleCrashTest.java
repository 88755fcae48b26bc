package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.Image;
import org.jwim.Wim;
import org.jwim.image.Dentry;
import org.jwim.image.StreamEntry;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every jwim command that modifies a WIM, killed with SIGKILL at random moments while it runs:
 * afterwards wimlib-imagex verifies the WIM, and it is the WIM as it was or as the finished command
 * leaves it, never anything between. (Commands that only write new files - split, join, export to a
 * new WIM - leave their input untouched and each output either absent or complete.)
 */
class LifecycleCrashTest {
    @TempDir
    static Path dir;
    static Path base;
    static Path other;
    static Path addDir;

    @BeforeAll
    static void wims() throws IOException {
        Random rnd = new Random(2026);
        Path big = Files.createDirectories(dir.resolve("big"));
        for (int i = 0; i < 8; i++) {
            byte[] b = new byte[4 << 20];
            rnd.nextBytes(b);
            Files.write(big.resolve("f" + i + ".bin"), b);
        }
        Files.writeString(big.resolve("small.txt"), "small\n");
        Path small = Files.createDirectories(dir.resolve("small/sub"));
        Files.writeString(small.resolve("a.txt"), "a\n");
        Files.writeString(small.getParent().resolve("b.txt"), "b\n");
        addDir = Files.createDirectories(dir.resolve("add"));
        for (int i = 0; i < 4; i++) {
            byte[] b = new byte[4 << 20];
            rnd.nextBytes(b);
            Files.write(addDir.resolve("n" + i + ".bin"), b);
        }
        base = dir.resolve("base.wim");
        WriteOptions o = WriteOptions.uncompressed().withThreads(1);
        ImageCapture.create(big, base, new ImageCapture.Description("one", "first", java.util.Map.of(), true),
                Capture.Options.defaults(), o);
        ImageCapture.append(small, base, ImageCapture.Description.named("two"), Capture.Options.defaults(), o, null);
        other = dir.resolve("other.wim");
        ImageCapture.create(addDir, other, ImageCapture.Description.named("ext"), Capture.Options.defaults(), o);
    }

    /** What the WIM holds: images, names, descriptions, boot index, every path with its streams. */
    static String fingerprint(Path wim) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Wim w = Wim.open(wim)) {
            b.append("boot=").append(w.header().bootIndex()).append(" integrity=").append(w.info().hasIntegrity())
                    .append('\n');
            for (int i = 1; i <= w.imageCount(); i++) {
                Image img = w.image(i);
                b.append("image ").append(i).append(' ').append(img.info().name()).append('|')
                        .append(img.info().description()).append('\n');
                TreeSet<String> lines = new TreeSet<>();
                for (Dentry d : img.walk().toList()) {
                    StringBuilder l = new StringBuilder(d.path());
                    for (StreamEntry s : d.inode().streams()) {
                        l.append(' ').append(s.hash()).append('/').append(s.size());
                    }
                    lines.add(l.toString());
                }
                lines.forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    static Stream<String> commands() {
        return Stream.of(
                "export OTHER 1 WIM --boot",
                "export OTHER 1 WIM --rebuild",
                "delete WIM 1",
                "delete WIM 1 --soft",
                "optimize WIM",
                "update WIM 2 --command=add_ADD_/added",
                "update WIM 1 --rebuild --command=delete_--recursive_/",
                "info WIM 2 renamed --image-property WINDOWS/EDITIONID=Pro --boot",
                "info WIM 1 --include-integrity");
    }

    static List<String> args(String template, Path wim) {
        List<String> l = new ArrayList<>();
        for (String a : template.split(" ")) {
            l.add(a.replace('_', ' ').replace("OTHER", other.toString()).replace("WIM", wim.toString())
                    .replace("ADD", addDir.toString()));
        }
        return l;
    }

    static Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void verify(Path wim) {
        Cli.Result v = Wimlib.run("verify", wim.toString());
        assertEquals(0, v.rc(), v.toString());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void killedAtRandomMomentsTheWimIsOldOrNew(String template) throws Exception {
        Wimlib.assume();
        Path work = Files.createDirectories(dir.resolve("work-" + Integer.toHexString(template.hashCode())));
        Path wim = work.resolve("w.wim");
        String old = fingerprint(base);

        // The finished command, in a child process: its duration and the state it leaves.
        Files.copy(base, wim);
        long t0 = System.nanoTime();
        Process full = start(args(template, wim));
        assertTrue(full.waitFor(2, TimeUnit.MINUTES));
        long duration = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, full.exitValue(), template);
        verify(wim);
        String fresh = fingerprint(wim);
        assertTrue(!fresh.equals(old) || template.startsWith("optimize"), "the command changes something");

        Random rnd = new Random(template.hashCode());
        int killed = 0;
        int sawOld = 0;
        int sawNew = 0;
        int rounds = 0;
        // The machine's speed varies (other builds run beside): when a command ends before its kill,
        // later kills come earlier, so that most rounds do cut the command short.
        double scale = 1.0;
        while (rounds < 6 || (killed < 2 && rounds < 16)) {
            rounds++;
            Files.copy(base, wim, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process p = start(args(template, wim));
            long delay = (long) (duration * scale * (0.3 + 0.7 * rnd.nextDouble()));
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                killed++;
            } else {
                scale *= 0.75;
            }
            verify(wim);
            String now = fingerprint(wim);
            assertTrue(now.equals(old) || now.equals(fresh), template + ", round " + rounds + " (" + delay
                    + " ms): neither the old nor the new WIM:\n" + now);
            if (now.equals(old)) {
                sawOld++;
            } else {
                sawNew++;
            }
            try (Stream<Path> s = Files.list(work)) {
                for (Path leftover : s.filter(f -> f.getFileName().toString().endsWith(".jwim-tmp")).toList()) {
                    Files.delete(leftover);
                }
            }
        }
        System.out.println("[crash] " + template + ": run " + duration + " ms, " + killed + " of " + rounds
                + " killed, " + sawOld + " old, " + sawNew + " new");
        assertTrue(killed >= 1, "some rounds kill the command before it ends");
    }

    /** split and join write new files only: the input stays as it was, each output is whole or absent. */
    @ParameterizedTest
    @MethodSource("splitAndJoin")
    void splitAndJoinKilledLeaveInputsAndWholeOutputs(String what) throws Exception {
        Wimlib.assume();
        Path work = Files.createDirectories(dir.resolve("sj-" + what));
        Path wim = Files.copy(base, work.resolve("w.wim"));
        byte[] before = Files.readAllBytes(wim);
        Path parts = Files.createDirectories(work.resolve("parts"));
        Cli.Result split = Cli.run("split", wim.toString(), parts.resolve("p.swm").toString(), "9");
        assertEquals(0, split.rc(), split.toString());
        List<String> partNames;
        try (Stream<Path> s = Files.list(parts)) {
            partNames = s.map(Path::toString).sorted().toList();
        }
        Path out = work.resolve("out");
        Files.createDirectories(out);
        List<String> template = new ArrayList<>();
        if (what.equals("split")) {
            template.addAll(List.of("split", wim.toString(), out.resolve("q.swm").toString(), "9"));
        } else {
            template.addAll(List.of("join", out.resolve("joined.wim").toString()));
            template.addAll(partNames);
        }
        long t0 = System.nanoTime();
        Process full = start(template);
        assertTrue(full.waitFor(2, TimeUnit.MINUTES));
        long duration = (System.nanoTime() - t0) / 1_000_000;
        Random rnd = new Random(what.hashCode());
        for (int round = 0; round < 6; round++) {
            try (Stream<Path> s = Files.list(out)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Process p = start(template);
            if (!p.waitFor((long) (duration * (0.5 + 0.6 * rnd.nextDouble())), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            assertArrayEquals(before, Files.readAllBytes(wim), "the input is never written");
            try (Stream<Path> s = Files.list(out)) {
                for (Path f : s.filter(f -> !f.getFileName().toString().endsWith(".jwim-tmp")).toList()) {
                    Cli.Result h = Wimlib.run("info", f.toString(), "--header");
                    assertEquals(0, h.rc(), f + " is there but not whole: " + h);
                    if (what.equals("join")) {
                        verify(f);
                        // Split parts carry no boot index (as wimlib writes them), so neither does the joined WIM.
                        assertEquals(fingerprint(wim).replaceFirst("boot=1", "boot=0"), fingerprint(f));
                    }
                }
            }
        }
    }

    static Stream<String> splitAndJoin() {
        return Stream.of("split", "join");
    }
}
