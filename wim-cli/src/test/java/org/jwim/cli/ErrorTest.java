package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jwim.Wim;
import org.jwim.format.ResourceHeader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses and messages of failures and wrong command lines; info without the blob table. */
class ErrorTest {
    @TempDir
    Path tmp;

    private static TestWims.Target oneImage() {
        return TestWims.all().stream().filter(t -> t.images() == 1 && t.refs().isEmpty()).findFirst().orElseThrow();
    }

    private static TestWims.Target multiImage() {
        TestWims.Target t = TestWims.all().stream().filter(x -> x.images() > 1).findFirst().orElse(null);
        Assumptions.assumeTrue(t != null, "no multi-image WIM among the test WIMs");
        return t;
    }

    @Test
    void missingFileIsOneErrorLine() {
        Path p = tmp.resolve("nope.wim");
        for (String cmd : new String[] {"info", "dir", "verify"}) {
            Cli.Result r = Cli.run(cmd, p.toString());
            assertEquals(1, r.rc(), r.toString());
            assertEquals("jwim: error: " + p + ": no such file\n", r.err(), cmd);
            assertEquals("", r.out(), cmd);
        }
    }

    @Test
    void directoryIsNamed() {
        Cli.Result r = Cli.run("info", tmp.toString());
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.err().startsWith("jwim: error: " + tmp + ": ") && r.err().split("\n").length == 1, r.err());
    }

    @Test
    void notAWimNamesFileAndOffset() throws IOException {
        Path p = tmp.resolve("text.wim");
        Files.writeString(p, "this is not a WIM file, just some text that is long enough to hold a header. ".repeat(4));
        Cli.Result r = Cli.run("info", p.toString());
        assertEquals(1, r.rc(), r.toString());
        Outputs.assertOneErrorLine(r);
        assertTrue(r.err().startsWith("jwim: error: " + p + " at offset 0 (0x0): not a WIM file"), r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli.Result r = Cli.run("--debug", "info", tmp.resolve("nope.wim").toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("\tat ") && r.err().endsWith("no such file\n"), r.err());
        Cli.Result after = Cli.run("info", "--debug", tmp.resolve("nope.wim").toString());
        assertTrue(after.err().contains("\tat "), "--debug after the command name too:\n" + after.err());
    }

    @Test
    void usageErrorsExitTwo() {
        String wim = oneImage().wim().toString();
        Cli.Result unknown = Cli.run("info", "--bogus", wim);
        assertEquals(2, unknown.rc());
        assertTrue(unknown.err().startsWith("jwim: error: Unknown option: '--bogus'\n"), unknown.err());
        Cli.Result missing = Cli.run("dir");
        assertEquals(2, missing.rc());
        assertTrue(missing.err().contains("Missing required parameter: 'WIM'"), missing.err());
        Cli.Result noArgument = Cli.run("dir", wim, "--path");
        assertEquals(2, noArgument.rc(), noArgument.toString());
        Cli.Result noCommand = Cli.run();
        assertEquals(2, noCommand.rc());
        assertTrue(noCommand.err().contains("Usage: jwim"), noCommand.err());
        Cli.Result unknownCommand = Cli.run("nosuchcommand", wim, "1", tmp.toString());
        assertEquals(2, unknownCommand.rc(), "commands that are not written yet are not stubbed");
    }

    @Test
    void badImageExitsTwo() {
        TestWims.Target t = oneImage();
        String wim = t.wim().toString();
        for (String[] args : new String[][] {{"info", wim, "2"}, {"dir", wim, "no such name"}, {"dir", wim, "0"},
            {"info", wim, ""}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.rc(), r.toString());
            assertEquals("jwim: error: \"" + args[2] + "\" is not a valid image in \"" + wim
                    + "\": give a 1-based image index or an image name (see 'jwim info \"" + wim + "\"')\n", r.err());
            if (Wimlib.available()) {
                assertTrue(Wimlib.run(args).rc() != 0, "wimlib refuses it too");
            }
        }
        TestWims.Target multi = multiImage();
        Cli.Result which = Cli.run("dir", multi.wim().toString());
        assertEquals(2, which.rc(), which.toString());
        assertTrue(which.err().contains("contains " + multi.images() + " images"), which.err());
    }

    @Test
    void imageByNameAndAll() throws IOException {
        TestWims.Target multi = multiImage();
        String wim = multi.wim().toString();
        String name;
        try (Wim w = Wim.open(multi.wim())) {
            name = w.images().get(1).name();
        }
        Assumptions.assumeFalse(name.isEmpty(), "image 2 has no name");
        Cli.Result byName = Cli.run("info", wim, name);
        Cli.Result byIndex = Cli.run("info", wim, "2");
        assertEquals(0, byName.rc(), byName.toString());
        assertArrayEquals(byIndex.outBytes(), byName.outBytes());
        assertTrue(byIndex.out().startsWith("Information for Image 2\n-----------------------\n"), byIndex.out());
        Cli.Result all = Cli.run("info", wim, "all");
        assertArrayEquals(Cli.run("info", wim).outBytes(), all.outBytes());
    }

    @Test
    void missingPathInImage() {
        TestWims.Target t = oneImage();
        Cli.Result r = Cli.run("dir", t.wim().toString(), "1", "--path", "/no/such/file").skipIfCodecMissing();
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.err().startsWith("jwim: error: \"/no/such/file\" does not exist in image 1 of "), r.err());
    }

    @Test
    void unmatchedRefGlobIsAnError() {
        String glob = tmp.resolve("nothing-*.swm").toString();
        Cli.Result r = Cli.run("dir", oneImage().wim().toString(), "--ref=" + glob);
        assertEquals(1, r.rc(), r.toString());
        assertEquals("jwim: error: --ref \"" + glob + "\" matches no file\n", r.err());
    }

    @Test
    void versionAndHelp() {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.rc());
        assertTrue(v.out().startsWith("jwim "), v.out());
        Cli.Result h = Cli.run("--help");
        assertEquals(0, h.rc());
        assertTrue(h.out().contains("Usage: jwim") && h.out().contains("info") && h.out().contains("verify"), h.out());
        Cli.Result hd = Cli.run("help", "dir");
        assertEquals(0, hd.rc());
        assertTrue(hd.out().startsWith("Usage: jwim dir") && hd.out().contains("--detailed"), hd.out());
        for (String cmd : new String[] {"info", "dir", "verify"}) {
            Cli.Result h2 = Cli.run(cmd, "--help");
            assertEquals(0, h2.rc(), h2.toString());
            assertTrue(h2.out().startsWith("Usage: jwim " + cmd), h2.out());
        }
    }

    /**
     * With its blob table overwritten, info still works (it reads only the header and the XML
     * data) and gives what it gave before; info --blobs fails with one line naming file and offset.
     * The garbage keeps each entry's part number 1 and clears its metadata and solid flags: entries
     * of other parts are skipped silently (as wimlib skips them), these must be read and refused.
     */
    @Test
    void infoDoesNotReadTheBlobTable() throws IOException {
        TestWims.Target t = oneImage();
        Path copy = tmp.resolve("broken.wim");
        Files.copy(t.wim(), copy);
        ResourceHeader table;
        try (Wim w = Wim.open(copy)) {
            table = w.header().blobTable();
        }
        byte[] garbage = new byte[(int) table.sizeInWim()];
        new Random(42).nextBytes(garbage);
        for (int e = 0; e + 50 <= garbage.length; e += 50) {
            garbage[e + 7] &= ~(ResourceHeader.FLAG_METADATA | ResourceHeader.FLAG_SOLID);
            garbage[e + 24] = 1;
            garbage[e + 25] = 0;
        }
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.seek(table.offset());
            f.write(garbage);
        }
        Path original = tmp.resolve("original.wim");
        Files.copy(t.wim(), original);
        Cli.Result before = Cli.run("info", original.toString());
        Cli.Result after = Cli.run("info", copy.toString());
        assertEquals(0, after.rc(), after.toString());
        assertEquals(before.out().replace(original.toString(), copy.toString()), after.out());
        assertEquals(0, Cli.run("info", "--header", copy.toString()).rc());

        Cli.Result blobs = Cli.run("info", "--blobs", copy.toString());
        assertEquals(1, blobs.rc(), blobs.toString());
        Outputs.assertOneErrorLine(blobs);
        assertTrue(blobs.err().matches("jwim: error: " + java.util.regex.Pattern.quote(copy.toString())
                + " at offset \\d+ \\(0x[0-9a-f]+\\): .*\n"), blobs.err());
        assertEquals(1, blobs.err().split("\n").length, blobs.err());
    }

    @Test
    void xmlAsUtf8AndRawExtract() throws IOException {
        TestWims.Target t = multiImage();
        Path out = tmp.resolve("xml.bin");
        Cli.Result r = Cli.run("info", t.wim().toString(), "--xml", "--extract-xml", out.toString());
        assertEquals(0, r.rc(), r.toString());
        byte[] raw = Files.readAllBytes(out);
        assertEquals(0xFF, raw[0] & 0xFF, "the extracted XML keeps its byte-order mark");
        String text = new String(raw, 2, raw.length - 2, StandardCharsets.UTF_16LE);
        assertEquals(text.endsWith("\n") ? text : text + "\n", r.out());
        assertTrue(r.out().startsWith("<WIM>"), r.out());
        if (Wimlib.available()) {
            Path w = tmp.resolve("wimlib.xml");
            assertEquals(0, Wimlib.run("info", t.wim().toString(), "--extract-xml", w.toString()).rc());
            assertArrayEquals(Files.readAllBytes(w), raw, "--extract-xml writes what wimlib writes");
            assertArrayEquals(Wimlib.run("info", t.wim().toString(), "--xml").outBytes(), raw,
                    "wimlib's --xml prints the raw UTF-16LE bytes that jwim converts to UTF-8");
        }
    }
}
