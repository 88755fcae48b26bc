package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.jwim.OpenOptions;
import org.jwim.Wim;

/** What the commands that write WIMs share: opening the WIM read, resolving IMAGE, reporting a missing codec. */
final class Modifying {
    private Modifying() {
    }

    /** An action of wim-core that writes. */
    interface Action<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code a}, turning a compressor jwim does not have yet into a one-line failure (the WIM is
     * left as it was: the writers fail before they commit).
     */
    static <T> T run(Action<T> a) throws IOException {
        try {
            return a.run();
        } catch (UnsupportedOperationException e) {
            throw CliException.failure(e.getMessage());
        }
    }

    static Wim open(String wim, List<String> refGlobs, boolean checkIntegrity) throws IOException {
        return Wim.open(Path.of(wim), OpenOptions.defaults().withRefs(RefGlobs.expand(refGlobs))
                .withCheckIntegrity(checkIntegrity));
    }

    /** The images IMAGE names (every image for "all"), or a usage error naming {@code wimText}. */
    static List<Integer> images(Wim wim, String wimText, String arg) throws IOException {
        int i = ImageSelection.resolve(wim, WimlibXml.read(wim), arg);
        if (i == ImageSelection.NONE) {
            throw ImageSelection.notValid(wimText, arg);
        }
        return i == ImageSelection.ALL ? IntStream.rangeClosed(1, wim.imageCount()).boxed().toList() : List.of(i);
    }

    static boolean isAll(String arg) {
        return arg.equalsIgnoreCase("all") || arg.equals("*");
    }
}
