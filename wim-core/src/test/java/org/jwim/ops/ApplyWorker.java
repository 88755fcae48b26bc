package org.jwim.ops;

import java.nio.file.Path;
import org.jwim.Wim;

/** Child process for the interruption tests: applies image 1 of a WIM, saying after each file how many are done. */
public final class ApplyWorker {
    private ApplyWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (Wim wim = Wim.open(Path.of(args[0]))) {
            wim.image(1).tree();
            System.out.println("started");
            System.out.flush();
            ApplyProgress tell = new ApplyProgress() {
                private long last;

                @Override
                public void progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
                    if (filesDone != last) {
                        last = filesDone;
                        System.out.println("files " + filesDone);
                        System.out.flush();
                    }
                }
            };
            wim.image(1).extractTo(Path.of(args[1]), ApplyOptions.defaults().withThreads(1).withProgress(tell));
        }
        System.out.println("done");
    }
}
