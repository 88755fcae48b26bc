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

    @Test
    void aNewWimGetsTheUmasksPermissionsNotOwnerOnly() throws Exception {
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("new.wim");
        ImageCapture.create(src, wim, ImageCapture.Description.named("p"), Capture.Options.defaults(),
                WriteOptions.uncompressed());
        Path plain = Files.createFile(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(wim));
    }

    @Test
    void aRebuiltWimKeepsItsPermissions() throws Exception {
        Path src = SourceTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("old.wim");
        ImageCapture.create(src, wim, ImageCapture.Description.named("p"), Capture.Options.defaults(),
                WriteOptions.uncompressed());
        Files.setPosixFilePermissions(wim, PosixFilePermissions.fromString("rw-r-----"));
        WimOptimize.optimize(wim, WriteChoices.none(), false, null);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(wim)));
    }
}
