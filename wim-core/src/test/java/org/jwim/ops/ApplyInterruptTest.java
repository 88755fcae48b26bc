package org.jwim.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.TreeSnapshot;
import org.jwim.Wim;
import org.jwim.io.Sha1Digests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply stopped at any moment (the process killed, or the applying thread failing) leaves no
 * half-written file under its final name: every file there is complete.
 */
class ApplyInterruptTest {
    private static final int FILES = 24;
    private static final int SIZE = 2 << 20;

    @TempDir
    Path tmp;

    private Path wim;
    private final Map<String, String> expected = new HashMap<>();

    @BeforeEach
    void bigImage() throws IOException {
        CraftedImage img = new CraftedImage();
        var dir = img.dir(img.root, "data");
        Random rnd = new Random(7);
        for (int i = 0; i < FILES; i++) {
            byte[] b = new byte[SIZE];
            rnd.nextBytes(b);
            img.file(dir, "f" + i, b);
            expected.put("data/f" + i, HexFormat.of().formatHex(Sha1Digests.sha1(b, 0, b.length)));
        }
        wim = img.write(tmp.resolve("big.wim"));
    }

    /** Every regular file under a real name is complete; returns how many there are. */
    private int checkOnlyCompleteFiles(Path target, boolean temporariesAllowed) throws IOException {
        if (!Files.exists(target)) {
            return 0;
        }
        int complete = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(target)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path p : files) {
            String name = target.relativize(p).toString();
            if (p.getFileName().toString().startsWith(".jwim-")) {
                assertTrue(temporariesAllowed, "temporary left behind: " + name);
                continue;
            }
            assertEquals(expected.get(name), TreeSnapshot.sha1(p), name + " is under its final name but not complete");
            complete++;
        }
        return complete;
    }

    @Test
    void applyKilledAtRandomMomentsLeavesOnlyCompleteFiles() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Random rnd = new Random(11);
        int partial = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            Path target = tmp.resolve("t" + round);
            Process p = new ProcessBuilder(java, "-cp", cp, ApplyWorker.class.getName(), wim.toString(), target.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            assertEquals("started", out.readLine());
            // Stop it once it has made a random number of names (the directories count too), then a
            // few milliseconds more, so the stop falls while some file is being written.
            int after = 2 + rnd.nextInt(FILES / 2);
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("files ") && Integer.parseInt(line.substring(6)) >= after) {
                    break;
                }
            }
            long delay = rnd.nextInt(15);
            boolean sigkill = round % 2 == 0;
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                if (sigkill) {
                    p.destroyForcibly();
                } else {
                    p.destroy();
                }
                p.waitFor();
            }
            // SIGKILL may leave temporaries (never real names); SIGTERM runs the cleanup hook.
            int complete = checkOnlyCompleteFiles(target, sigkill);
            rounds.add((sigkill ? "KILL" : "TERM") + " after " + after + " names + " + delay + " ms: " + complete
                    + " files");
            if (complete < FILES) {
                partial++;
            }
        }
        System.out.println("[apply-interrupt] " + rounds);
        assertTrue(partial >= 3, "most rounds should stop the apply mid-way: " + rounds);
    }

    @Test
    void applyFailingMidwayDeletesItsTemporaries() throws Exception {
        Path target = tmp.resolve("failing");
        ApplyProgress stopper = new ApplyProgress() {
            @Override
            public void progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
                if (bytesDone > SIZE * 5L) {
                    throw new IllegalStateException("stop here");
                }
            }
        };
        try (Wim w = Wim.open(wim)) {
            assertThrows(IllegalStateException.class, () -> w.image(1).extractTo(target,
                    ApplyOptions.defaults().withProgress(stopper)));
        }
        int complete = checkOnlyCompleteFiles(target, false);
        assertTrue(complete > 0 && complete < FILES, complete + " files");
    }
}
