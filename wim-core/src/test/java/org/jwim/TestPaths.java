package org.jwim;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the project's and the workplace's test WIMs. */
public final class TestPaths {
    private TestPaths() {
    }

    /** The project root (set by the build; the working directory's parent otherwise). */
    public static Path projectRoot() {
        String p = System.getProperty("jwim.project.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    /** {@code testdata/} of the project. */
    public static Path testdata() {
        return projectRoot().resolve("testdata");
    }

    /** {@code ../shared/wims} beside the checkout, or null (with a message) where it is absent. */
    public static Path sharedWims() {
        Path dir = projectRoot().resolve("../shared/wims").normalize();
        if (!Files.isDirectory(dir)) {
            System.out.println("[skip] " + dir + " is absent: the third-party WIMs are not read on this machine");
            return null;
        }
        return dir;
    }
}
