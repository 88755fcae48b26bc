package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code jwim append} killed with SIGKILL at any moment leaves a WIM that wimlib verifies, with
 * either its old images or (if the append had finished) the new one too - never anything between.
 */
class CrashSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void appendKilledAtRandomMomentsLeavesAValidWim() throws Exception {
        ExternalTools.require("wimlib-imagex");
        Path base = SourceTrees.mixed(tmp.resolve("base"));
        Path big = Files.createDirectories(tmp.resolve("big"));
        Random rnd = new Random(99);
        for (int i = 0; i < 24; i++) {
            byte[] b = new byte[2 << 20];
            rnd.nextBytes(b);
            Files.write(big.resolve("f" + i), b);
        }
        Path wim = tmp.resolve("w.wim");
        ImageCapture.create(base, wim, ImageCapture.Description.named("base"), Capture.Options.defaults(),
                WriteOptions.uncompressed());
        byte[] original = Files.readAllBytes(wim);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        int finished = 0;
        int killed = 0;
        List<Long> delays = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            Files.write(wim, original);
            Process p = new ProcessBuilder(java, "-cp", cp, AppendWorker.class.getName(), big.toString(), wim.toString(),
                    "new-" + round).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            assertEquals("started", out.readLine());
            long delay = 20 + rnd.nextInt(round < 4 ? 300 : 1500);
            delays.add(delay);
            boolean done = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
                killed++;
            } else {
                finished++;
            }
            ExternalTools.Run v = ExternalTools.run("wimlib-imagex", "verify", wim.toString());
            assertEquals(0, v.exitCode(), "round " + round + " (killed after " + delay + " ms): " + v.stderr() + v.stdout());
            try (Wim w = Wim.open(wim)) {
                int n = w.imageCount();
                assertTrue(n == 1 || n == 2, "image count " + n);
                assertEquals("base", w.images().get(0).name());
                ManifestTest.readEverything(w.image(1));
                if (n == 2) {
                    ManifestTest.readEverything(w.image(2));
                }
            }
        }
        System.out.println("[crash] " + killed + " appends killed, " + finished + " finished; delays " + delays);
        assertTrue(killed >= 3, "most rounds should kill the append mid-way");
    }
}
