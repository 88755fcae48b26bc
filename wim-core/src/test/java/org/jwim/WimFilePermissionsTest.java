package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jwim.ops.Capture;
import org.jwim.ops.ImageCapture;
import org.jwim.ops.WimOptimize;
import org.jwim.ops.WriteChoices;
import org.jwim.write.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WIM jwim writes has the permissions of any new file, and a rebuilt one keeps its own. */
class WimFilePermissionsTest {
    @TempDir
    Path tmp;

    private Path capture(String name) throws Exception {
        Path wim = tmp.resolve(name);
        ImageCapture.create(SourceTrees.mixed(tmp.resolve("src-" + name)), wim, ImageCapture.Description.named("p"),
                Capture.Options.defaults(), WriteOptions.uncompressed());
        return wim;
    }

    @Test
    void aNewWimGetsTheUmasksPermissionsNotOwnerOnly() throws Exception {
        Path wim = capture("new.wim");
        Path plain = Files.createFile(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(wim));
    }

    @Test
    void aRebuiltWimKeepsItsPermissions() throws Exception {
        Path wim = capture("old.wim");
        Files.setPosixFilePermissions(wim, PosixFilePermissions.fromString("rw-r-----"));
        WimOptimize.optimize(wim, WriteChoices.none(), false, null);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(wim)));
    }
}
