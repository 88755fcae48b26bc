package org.jwim.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The WIM argument and the {@code --ref GLOB} option every reading command takes, and the opening of both. */
final class WimArgument {
    @Parameters(index = "0", paramLabel = "WIM", description = "The WIM file (the first part of a split WIM).")
    private String wim;

    @Option(names = "--ref", paramLabel = "GLOB",
            description = "The other parts of a split WIM, or the WIMs a delta WIM refers to (repeatable; "
                    + "a glob relative to the current directory, quoted against the shell).")
    private List<String> globs = new ArrayList<>();

    /** The WIM as the user wrote it (wimlib-imagex prints it so). */
    String text() {
        return wim;
    }

    /**
     * Opens the WIM with the --ref files (an unmatched glob is an error). An I/O error that does
     * not say which file it is about is given the WIM's name.
     */
    Wim open() throws IOException {
        List<Path> refs = RefGlobs.expand(globs);
        try {
            return Wim.open(Path.of(wim), OpenOptions.defaults().withRefs(refs));
        } catch (WimFormatException | FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(wim + ": " + Main.describe(e), e);
        }
    }
}
