package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jwim.Manifest;
import org.jwim.Wim;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.ChunkTable;
import org.jwim.io.WimResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwim verify}: clean WIMs pass, corrupt ones fail with every problem named. */
class VerifyTest {

    private static List<String> problems(Cli.Result r) {
        List<String> l = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("problem: ")) {
                l.add(line);
            }
        }
        return l;
    }

    @TestFactory
    Stream<DynamicTest> goodWimsPass() {
        List<DynamicTest> l = new ArrayList<>();
        for (TestWims.Target t : TestWims.all()) {
            Manifest m = t.manifest().get(0);
            if (m.expectOk() && "ok".equals(m.json().path("verify").asText())) {
                l.add(DynamicTest.dynamicTest(t.name(), () -> {
                    List<String> args = new ArrayList<>(List.of("verify", t.wim().toString()));
                    args.addAll(t.refArgs());
                    Cli.Result r = Cli.run(args).skipIfCodecMissing();
                    assertEquals(0, r.rc(), r.toString());
                    assertTrue(problems(r).isEmpty(), r.toString());
                    assertTrue(r.out().strip().endsWith(")") && r.out().contains("verified: no problems"), r.toString());
                }));
            }
        }
        return l.stream();
    }

    private static Path shared(String rel) {
        Path p = TestWims.shared(rel);
        Assumptions.assumeTrue(p != null, "shared WIMs absent");
        return p;
    }

    /** Verifies a shared WIM that has exactly one problem, and returns that problem's line. */
    private static String onlyProblem(Path wim) {
        Cli.Result r = Cli.run("verify", wim.toString()).skipIfCodecMissing();
        assertEquals(1, r.rc(), r.toString());
        List<String> p = problems(r);
        assertEquals(1, p.size(), r.toString());
        assertTrue(r.out().contains("1 problem found"), r.toString());
        return p.get(0);
    }

    @Test
    void shaMismatchNamesBlobHashesAndOffset() {
        Path wim = shared("thirdparty/wimlib-tests/corrupted_file_1.wim");
        String p = onlyProblem(wim);
        String expected = "22596363b3de40b06f981fb85d82312e8c0ed511";
        String actual = "8a97c9146848690a0f99aaef4584ffd7c8f5ae0c";
        if (Wimlib.available()) {
            Cli.Result w = Wimlib.run("verify", wim.toString());
            assertNotEquals(0, w.rc());
            Matcher e = Pattern.compile("Expected SHA-1: (\\w+)").matcher(w.err());
            Matcher a = Pattern.compile("Actual SHA-1: (\\w+)").matcher(w.err());
            assertTrue(e.find() && a.find(), w.toString());
            expected = e.group(1);
            actual = a.group(1);
        }
        assertTrue(p.contains("blob " + expected) && p.contains("SHA-1 mismatch") && p.contains(actual)
                && p.contains("resource at offset 208"), p);
    }

    @Test
    void corruptLzxDataNamesBlobAndOffset() {
        Path wim = shared("thirdparty/wimlib-tests/corrupted_file_2.wim");
        String p = onlyProblem(wim);
        assertTrue(p.matches("problem: blob [0-9a-f]{40} \\(97 bytes, resource at offset \\d+ of .*corrupted_file_2"
                + "\\.wim\"\\): .* at offset \\d+ .*"), p);
        if (Wimlib.available()) {
            assertNotEquals(0, Wimlib.run("verify", wim.toString()).rc(), "wimlib also finds it corrupt");
        }
    }

    @Test
    void directoryCycleIsAMetadataProblem() {
        Path wim = shared("thirdparty/wimlib-tests/cyclic.wim");
        String p = onlyProblem(wim);
        assertTrue(p.startsWith("problem: image 1: ") && p.contains("cycle") && p.contains("offset"), p);
        if (Wimlib.available()) {
            assertNotEquals(0, Wimlib.run("verify", wim.toString()).rc(), "wimlib also refuses it");
        }
    }

    @Test
    void integrityFailureAndCorruptDataAreAllReported() {
        Path wim = shared("thirdparty/pebakery/VerifyFail.wim");
        Cli.Result r = Cli.run("verify", wim.toString());
        assertEquals(1, r.rc(), r.toString());
        List<String> p = problems(r);
        assertTrue(p.get(0).startsWith("problem: integrity table: ") && p.get(0).contains("integrity check failed"),
                r.toString());
        assertTrue(r.out().contains("integrity table FAILED"), r.toString());
        if (Wimlib.available()) {
            assertEquals(13, Wimlib.run("verify", wim.toString()).rc(), "wimlib stops at the integrity check");
        }
        r.skipIfCodecMissing();
        // The corrupt LZX data is in the image's metadata here; data blobs are checked all the same.
        assertTrue(p.size() >= 2 && p.stream().skip(1).allMatch(x -> x.startsWith("problem: image 1: ")
                || x.startsWith("problem: blob ")), r.toString());
        assertTrue(r.out().contains(" blobs ("), r.toString());
    }

    @Test
    void splitWimNeedsItsOtherParts() {
        TestWims.Target split = TestWims.all().stream().filter(t -> t.refs().size() >= 2).findFirst().orElse(null);
        Assumptions.assumeTrue(split != null, "no split WIM among the test WIMs");
        Cli.Result alone = Cli.run("verify", split.wim().toString()).skipIfCodecMissing();
        assertEquals(1, alone.rc(), alone.toString());
        assertTrue(problems(alone).stream().allMatch(x -> x.contains("is in no WIM given") && x.contains("--ref")),
                alone.toString());
        List<String> args = new ArrayList<>(List.of("verify", split.wim().toString()));
        args.addAll(split.refArgs());
        Cli.Result all = Cli.run(args).skipIfCodecMissing();
        assertEquals(0, all.rc(), all.toString());
    }

    @Test
    void deltaWimNeedsItsBase() {
        TestWims.Target delta = TestWims.all().stream().filter(t -> t.refs().size() == 1
                && !t.refs().get(0).getFileName().toString().endsWith(".swm")).findFirst().orElse(null);
        Assumptions.assumeTrue(delta != null, "no delta WIM among the test WIMs");
        Cli.Result alone = Cli.run("verify", delta.wim().toString()).skipIfCodecMissing();
        assertEquals(1, alone.rc(), alone.toString());
        assertTrue(!problems(alone).isEmpty() && problems(alone).stream().allMatch(x -> x.contains("is in no WIM given")),
                alone.toString());
        List<String> args = new ArrayList<>(List.of("verify", delta.wim().toString()));
        args.addAll(delta.refArgs());
        Cli.Result withBase = Cli.run(args).skipIfCodecMissing();
        assertEquals(0, withBase.rc(), withBase.toString());
    }

    /**
     * A corrupt chunk in the middle of a solid resource fails exactly the blobs that overlap it;
     * every other blob of the resource is still checked and found good.
     */
    @Test
    void corruptSolidChunkFailsOnlyItsBlobs(@TempDir Path tmp) throws IOException {
        TestWims.Target solid = TestWims.all().stream().filter(t -> t.name().startsWith("basic-solid-lzx")).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(solid != null, "no LZX solid WIM among the test WIMs");
        Path copy = tmp.resolve("solid.wim");
        Files.copy(solid.wim(), copy);
        Set<String> expected = new TreeSet<>();
        int total;
        long corruptAt;
        try (Wim w = Wim.open(copy)) {
            List<BlobDescriptor> blobs = w.blobTable().blobs().stream().filter(b -> b.isInSolidResource()).toList();
            WimResource r = blobs.get(0).resource();
            ChunkTable t = r.chunkTable();
            Assumptions.assumeTrue(t.count() >= 3, "the solid resource has fewer than 3 chunks");
            int k = t.count() / 2;
            corruptAt = t.start(k) + t.compressedSize(k) / 2;
            long from = (long) k * t.chunkSize();
            long to = from + t.uncompressedSize(k);
            for (BlobDescriptor b : blobs) {
                if (b.resource() == r && b.offsetInResource() < to && b.offsetInResource() + b.size() > from) {
                    expected.add(b.hash().toString());
                }
            }
            total = (int) w.blobTable().blobs().stream().filter(b -> !b.isMetadata()).count();
        }
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.seek(corruptAt);
            int b = f.read();
            f.seek(corruptAt);
            f.write(b ^ 0x5A);
        }
        Cli.Result r = Cli.run("verify", copy.toString());
        assertEquals(1, r.rc(), r.toString());
        Set<String> failed = new TreeSet<>();
        for (String p : problems(r)) {
            if (p.startsWith("problem: blob ")) {
                failed.add(p.substring("problem: blob ".length(), "problem: blob ".length() + 40));
            }
        }
        Assumptions.assumeFalse(r.out().contains("not implemented yet") && failed.size() == total,
                "the LZX decompressor is still a placeholder on this branch");
        assertEquals(expected, failed, r.toString());
        assertTrue(r.out().contains(total + " blobs"), "every blob was still checked:\n" + r);
    }
}
