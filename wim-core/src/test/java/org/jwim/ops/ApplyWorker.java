package org.jwim.ops;

import java.nio.file.Path;
import org.jwim.Wim;

/** Child process for the interruption tests: applies image 1 of a WIM, then exits. */
public final class ApplyWorker {
    private ApplyWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (Wim wim = Wim.open(Path.of(args[0]))) {
            wim.image(1).tree();
            System.out.println("started");
            System.out.flush();
            wim.image(1).extractTo(Path.of(args[1]), ApplyOptions.defaults().withThreads(1));
        }
        System.out.println("done");
    }
}
