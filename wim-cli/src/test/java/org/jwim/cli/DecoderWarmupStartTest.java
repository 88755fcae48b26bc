package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderWarmupStartTest {
    @TempDir
    Path dir;

    /** A copy of a testdata WIM's header, made as large as the WIMs worth warming for. */
    private Path bigWimLike(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(TestPaths.testdata().resolve("wims").resolve(name), p);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(DecoderWarmupStart.MIN_WIM_SIZE);
        }
        return p;
    }

    private static String threadName(Thread t) throws InterruptedException {
        assertNotNull(t);
        t.join(10_000);
        return t.getName();
    }

    @Test
    void warmsTheDecoderTheHeaderNamesForCommandsThatDecodeEverything() throws Exception {
        Path lzx = bigWimLike("basic-lzx.wim");
        assertEquals("jwim-warmup-lzx", threadName(DecoderWarmupStart.start(new String[] {"apply", lzx.toString(), "1", "t"})));
        assertEquals("jwim-warmup-xpress", threadName(DecoderWarmupStart.start(
                new String[] {"--debug", "verify", "--threads", "2", bigWimLike("basic-xpress.wim").toString()})));
        // A solid WIM's data is in LZMS solid resources whatever its header's compression says.
        assertEquals("jwim-warmup-lzms", threadName(DecoderWarmupStart.start(
                new String[] {"extract", bigWimLike("basic-solid.esd").toString(), "1", "/x"})));
    }

    @Test
    void nothingForOtherCommandsSmallOrBadFilesOrWhenTurnedOff() throws Exception {
        Path lzx = bigWimLike("basic-lzx.wim");
        assertNull(DecoderWarmupStart.start(new String[] {"info", lzx.toString()}));
        assertNull(DecoderWarmupStart.start(new String[] {"apply", TestPaths.testdata().resolve("wims/basic-lzx.wim")
                .toString(), "1", "t"}));
        assertNull(DecoderWarmupStart.start(new String[] {"apply", dir.resolve("missing.wim").toString(), "1", "t"}));
        Path junk = dir.resolve("junk.wim");
        try (RandomAccessFile f = new RandomAccessFile(junk.toFile(), "rw")) {
            f.setLength(DecoderWarmupStart.MIN_WIM_SIZE);
        }
        assertNull(DecoderWarmupStart.start(new String[] {"apply", junk.toString(), "1", "t"}));
        assertNull(DecoderWarmupStart.start(new String[0]));
        String old = System.setProperty(DecoderWarmupStart.MILLIS_PROPERTY, "0");
        try {
            assertNull(DecoderWarmupStart.start(new String[] {"apply", lzx.toString(), "1", "t"}));
        } finally {
            if (old == null) {
                System.clearProperty(DecoderWarmupStart.MILLIS_PROPERTY);
            } else {
                System.setProperty(DecoderWarmupStart.MILLIS_PROPERTY, old);
            }
        }
    }
}
