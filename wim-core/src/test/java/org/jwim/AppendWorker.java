package org.jwim;

import java.nio.file.Path;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;

/** Child process for the crash tests: appends a directory to a WIM, then exits. */
public final class AppendWorker {
    private AppendWorker() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("started");
        System.out.flush();
        ImageCapture.append(Path.of(args[0]), Path.of(args[1]), ImageCapture.Description.named(args[2]),
                Capture.Options.defaults(), WriteOptions.uncompressed().withThreads(1), null);
        System.out.println("done");
    }
}
