package org.jwim.cli;

import picocli.CommandLine.Option;

/** --check, --nocheck and --include-integrity of the commands that write a WIM, as wimlib-imagex has them. */
final class IntegrityFlags {
    @Option(names = "--check", description = "Verify the integrity table of the WIM(s) read (if they have one), and"
            + " write one in the WIM written.")
    boolean check;

    @Option(names = "--nocheck", description = "Write no integrity table, even if the WIM had one.")
    boolean nocheck;

    @Option(names = "--include-integrity", description = "Write an integrity table (like --check, without the"
            + " verification beforehand).")
    boolean include;

    /** Whether to write an integrity table: true, false, or null to keep what the WIM has. */
    Boolean integrity() {
        if (check && nocheck) {
            throw CliException.usage("--check and --nocheck cannot be given together");
        }
        return check || include ? Boolean.TRUE : nocheck ? Boolean.FALSE : null;
    }

    /** Whether to verify integrity tables before changing anything. */
    boolean verify() {
        return check;
    }
}
