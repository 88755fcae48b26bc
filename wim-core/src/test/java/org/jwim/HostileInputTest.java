package org.jwim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jwim.compression.LittleEndian;
import org.jwim.format.BlobTable;
import org.jwim.format.MetadataReader;
import org.jwim.format.ResourceHeader;
import org.jwim.format.WimHeader;
import org.jwim.image.Dentry;
import org.jwim.image.StreamEntry;
import org.jwim.io.Sha1Digests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad bytes in every part of a WIM give a {@link WimFormatException}, quickly, and nothing else:
 * truncation at many places, a damaged header, resources and chunk tables pointing anywhere,
 * metadata with cycles and absurd counts, random damage everywhere.
 */
class HostileInputTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;

    /** An uncompressed WIM written by Microsoft's tools (several dirs, security data, short names). */
    static byte[] plain;
    /** A compressed (LZX) WIM written by wimlib with three images and an integrity table. */
    static byte[] compressed;

    @BeforeAll
    static void load() throws IOException {
        Path shared = TestPaths.sharedWims();
        Path a = shared == null ? null : shared.resolve("microsoft/sevenzipjbinding/multiple-files/archive1.zip.2.wim");
        Path b = shared == null ? null : shared.resolve("thirdparty/pebakery/MultiImage.wim");
        plain = a != null && Files.exists(a) ? Files.readAllBytes(a) : null;
        compressed = b != null && Files.exists(b) ? Files.readAllBytes(b) : null;
    }

    private static byte[] plain() {
        org.junit.jupiter.api.Assumptions.assumeTrue(plain != null, "../shared/wims is absent");
        return plain.clone();
    }

    private static byte[] compressed() {
        org.junit.jupiter.api.Assumptions.assumeTrue(compressed != null, "../shared/wims is absent");
        return compressed.clone();
    }

    /** Opens the bytes as a WIM and reads everything in every image, checking every stream's hash. */
    static void readAll(byte[] wimBytes) throws IOException {
        Path f = Files.createTempFile(tmp, "hostile", ".wim");
        Files.write(f, wimBytes);
        try (Wim wim = Wim.open(f)) {
            wim.blobTable();
            for (int i = 1; i <= wim.imageCount(); i++) {
                Image image = wim.image(i);
                for (Dentry d : image.walk().toList()) {
                    for (StreamEntry s : d.inode().streams()) {
                        try (InputStream in = image.openStream(s)) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                    if (d.inode().isReparsePoint()) {
                        image.reparsePoint(d);
                    }
                }
            }
            wim.checkIntegrity();
        } finally {
            Files.delete(f);
        }
    }

    /** Reading must succeed or fail with a WimFormatException, nothing else, and must not hang. */
    static boolean survives(byte[] wimBytes, String what) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                readAll(wimBytes);
                return true;
            } catch (WimFormatException expected) {
                assertTrue(expected.getMessage().contains("hostile"), "the message names the file: " + expected.getMessage());
                return false;
            } catch (Throwable t) {
                throw new AssertionError(what + ": " + t, t);
            }
        }, what);
    }

    @Test
    void originalsReadCleanly() throws IOException {
        readAll(plain());
        readAll(compressed());
    }

    @Test
    void truncatedFilesAreRefusedEverywhere() {
        for (byte[] orig : List.of(plain(), compressed())) {
            List<Integer> cuts = new ArrayList<>(List.of(0, 1, 7, 8, 100, 207, 208, 209));
            for (int i = 1; i < 64; i++) {
                cuts.add((int) ((long) orig.length * i / 64));
            }
            for (int k = 1; k <= 20; k++) {
                cuts.add(orig.length - k);
            }
            for (int cut : cuts) {
                byte[] b = java.util.Arrays.copyOf(orig, cut);
                boolean ok = survives(b, "cut at " + cut);
                if (cut < orig.length - 64) {
                    assertTrue(!ok, "a WIM cut at " + cut + " of " + orig.length + " bytes must not read cleanly");
                }
            }
        }
    }

    @Test
    void badMagicVersionAndSizesAreRefusedWithTheirOffsets() {
        expectFailure(set(plain(), 0, (byte) 'X'), "bad magic", 0);
        byte[] b = plain();
        LittleEndian.putInt(b, 8, 200);
        expectFailure(b, "header size", 8);
        b = plain();
        LittleEndian.putInt(b, 0x0C, 0x10C00);
        expectFailure(b, "version", 0x0C);
        b = compressed();
        LittleEndian.putInt(b, 0x14, 12345);
        expectFailure(b, "chunk size", 0x14);
        b = plain();
        LittleEndian.putU16(b, 0x28, 3);
        expectFailure(b, "part number", 0x28);
        b = plain();
        LittleEndian.putInt(b, 0x2C, 0x7FFFFFFF);
        expectFailure(b, "image count", 0x2C);
    }

    private static byte[] set(byte[] b, int at, byte v) {
        b[at] = v;
        return b;
    }

    private static WimFormatException expectFailure(byte[] b, String what, long offset) {
        WimFormatException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(WimFormatException.class, () -> readAll(b), what));
        if (offset >= 0) {
            assertEquals(offset, e.offset(), what + ": offset of " + e.getMessage());
        }
        return e;
    }

    @Test
    void resourcesPointingPastTheEndAreRefused() {
        byte[] b = plain();
        LittleEndian.putLong(b, 0x38, b.length + 1000L); // blob table offset
        expectFailure(b, "blob table past the end", -1);
        b = plain();
        LittleEndian.putLong(b, 0x50, b.length - 2L); // XML offset
        expectFailure(b, "XML past the end", -1);
        b = plain();
        LittleEndian.putLong(b, 0x30, 0x00FFFFFFFFFFFFFFL); // blob table size
        LittleEndian.putLong(b, 0x40, 0x7FFFFFFFFFFFFFF0L);
        expectFailure(b, "absurd blob table size", 0x30);
        // Every blob table entry's offset moved past the end.
        b = plain();
        int table = (int) LittleEndian.getLong(b, 0x38);
        int n = (int) (LittleEndian.getLong(b, 0x40) / BlobTable.ENTRY_SIZE);
        for (int i = 0; i < n; i++) {
            LittleEndian.putLong(b, table + i * BlobTable.ENTRY_SIZE + 8, b.length + 1L);
        }
        expectFailure(b, "blob offsets past the end", -1);
    }

    @Test
    void chunkTablesOutOfOrderOrOutOfRangeAreRefused() {
        byte[] orig = compressed();
        int table = (int) LittleEndian.getLong(orig, 0x38);
        int n = (int) (LittleEndian.getLong(orig, 0x40) / BlobTable.ENTRY_SIZE);
        int tried = 0;
        for (int i = 0; i < n; i++) {
            int e = table + i * BlobTable.ENTRY_SIZE;
            ResourceHeader r = ResourceHeader.read(orig, e);
            if (!r.isCompressed() || r.uncompressedSize() <= 32768) {
                continue;
            }
            // A multi-chunk resource: damage its first chunk table entry.
            for (long bad : new long[] {0, 0xFFFFFFFFL, r.sizeInWim() * 2, 1}) {
                byte[] b = orig.clone();
                LittleEndian.putInt(b, (int) r.offset(), (int) bad);
                survives(b, "chunk table entry " + bad);
            }
            tried++;
        }
        // Claim a huge uncompressed size for every compressed resource: more chunks than bytes.
        byte[] b = orig.clone();
        for (int i = 0; i < n; i++) {
            int e = table + i * BlobTable.ENTRY_SIZE;
            if (ResourceHeader.read(b, e).isCompressed()) {
                LittleEndian.putLong(b, e + 16, 1L << 50);
            }
        }
        expectFailure(b, "absurd uncompressed sizes", -1);
        // Chunks larger than their uncompressed size.
        b = orig.clone();
        for (int i = 0; i < n; i++) {
            int e = table + i * BlobTable.ENTRY_SIZE;
            ResourceHeader r = ResourceHeader.read(b, e);
            if (r.isCompressed()) {
                LittleEndian.putLong(b, e + 16, 1);
            }
        }
        expectFailure(b, "chunk bigger than its data", -1);
        assertTrue(tried >= 0);
    }

    /** The metadata resource of image 1 of an uncompressed WIM, and where its hash is stored. */
    private record Md(int offset, int size, int hashAt) {
    }

    private static Md metadataOf(byte[] b) {
        int table = (int) LittleEndian.getLong(b, 0x38);
        int n = (int) (LittleEndian.getLong(b, 0x40) / BlobTable.ENTRY_SIZE);
        for (int i = 0; i < n; i++) {
            int e = table + i * BlobTable.ENTRY_SIZE;
            ResourceHeader r = ResourceHeader.read(b, e);
            if (r.isMetadata()) {
                return new Md((int) r.offset(), (int) r.uncompressedSize(), e + 30);
            }
        }
        throw new AssertionError("no metadata resource");
    }

    /** Re-hashes the metadata so the damage reaches the parser instead of the SHA-1 check. */
    private static void rehash(byte[] b, Md md) {
        byte[] h = Sha1Digests.sha1(b, md.offset, md.size);
        System.arraycopy(h, 0, b, md.hashAt, 20);
    }

    @Test
    void damagedMetadataIsCaughtByItsHash() {
        byte[] b = plain();
        Md md = metadataOf(b);
        b[md.offset + md.size / 2] ^= 0x55;
        WimFormatException e = expectFailure(b, "metadata hash", -1);
        assertTrue(e.getMessage().contains("SHA-1"), e.getMessage());
    }

    @Test
    void subdirOffsetPointingBackIntoAParentIsACycle() {
        byte[] b = plain();
        Md md = metadataOf(b);
        int root = (int) ((LittleEndian.getU32(b, md.offset) + 7) & ~7L);
        long rootList = LittleEndian.getLong(b, md.offset + root + 0x10);
        // Make the first subdirectory's child list be the root's list: /a/a/a/... forever.
        int p = (int) (md.offset + rootList);
        boolean done = false;
        while (LittleEndian.getLong(b, p) != 0) {
            int attrs = LittleEndian.getInt(b, p + 8);
            if ((attrs & 0x10) != 0) {
                LittleEndian.putLong(b, p + 0x10, rootList);
                done = true;
                break;
            }
            p += (int) ((LittleEndian.getLong(b, p) + 7) & ~7L);
            int streams = LittleEndian.getU16(b, p - 0);
            assertTrue(streams >= 0);
        }
        assertTrue(done, "test WIM has a subdirectory in its root");
        rehash(b, md);
        WimFormatException e = expectFailure(b, "cycle", -1);
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void absurdCountsInMetadataAreRefused() {
        byte[] b = plain();
        Md md = metadataOf(b);
        LittleEndian.putInt(b, md.offset + 4, 0x7FFFFFFF); // security descriptor count
        rehash(b, md);
        expectFailure(b, "descriptor count", -1);
        b = plain();
        LittleEndian.putInt(b, md.offset, 0x7FFFFFF0); // security data length
        rehash(b, md);
        expectFailure(b, "security length", -1);
        b = plain();
        int root = (int) ((LittleEndian.getU32(b, md.offset) + 7) & ~7L);
        LittleEndian.putLong(b, md.offset + root, 1L << 40); // root dentry length
        rehash(b, md);
        expectFailure(b, "dentry length", -1);
        b = plain();
        LittleEndian.putU16(b, md.offset + root + 0x60, 0xFFFF); // stream entry count
        rehash(b, md);
        expectFailure(b, "stream count", -1);
    }

    @Test
    void randomDamageToMetadataOnlyGivesFormatErrors() {
        byte[] orig = plain();
        Md md = metadataOf(orig);
        Random rnd = new Random(7);
        for (int round = 0; round < 300; round++) {
            byte[] m = java.util.Arrays.copyOfRange(orig, md.offset, md.offset + md.size);
            int flips = 1 + rnd.nextInt(8);
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextInt(m.length);
                m[at] = rnd.nextInt(3) == 0 ? (byte) 0xFF : (byte) (m[at] ^ (1 << rnd.nextInt(8)));
            }
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                try {
                    MetadataReader.read((off, msg) -> new WimFormatException(null, off, msg), m, h -> 1);
                } catch (WimFormatException expected) {
                    // fine
                }
            });
        }
    }

    @Test
    void randomDamageAnywhereOnlyGivesFormatErrors() {
        Random rnd = new Random(11);
        for (byte[] orig : List.of(plain(), compressed())) {
            for (int round = 0; round < 150; round++) {
                byte[] b = orig.clone();
                int flips = 1 + rnd.nextInt(16);
                for (int k = 0; k < flips; k++) {
                    // Bias towards the header and the tables at the end, where structure lives.
                    int at = switch (rnd.nextInt(3)) {
                        case 0 -> rnd.nextInt(WimHeader.SIZE);
                        case 1 -> b.length - 1 - rnd.nextInt(Math.min(b.length, 4096));
                        default -> rnd.nextInt(b.length);
                    };
                    b[at] = (byte) rnd.nextInt(256);
                }
                survives(b, "round " + round);
            }
        }
    }

    @Test
    void aDirectoryTreeDeeperThanTheLimitIsRefused() throws Exception {
        // Build metadata by hand: root, then a chain of directories each listing the next.
        int depth = MetadataReader.MAX_DEPTH + 5;
        int dentry = 112 + 8; // dentry with a 1-char name, padded, plus the list terminator
        byte[] m = new byte[8 + 104 + 8 + depth * dentry + 8];
        LittleEndian.putInt(m, 0, 8);
        int root = 8;
        writeDir(m, root, "", root + 104 + 8);
        int p = root + 104 + 8;
        for (int i = 0; i < depth; i++) {
            writeDir(m, p, "d", p + dentry);
            p += dentry;
        }
        WimFormatException e = assertThrows(WimFormatException.class,
                () -> MetadataReader.read((off, msg) -> new WimFormatException(null, off, msg), m, h -> 0));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    private static void writeDir(byte[] m, int at, String name, long subdir) {
        int len = name.isEmpty() ? 104 : 112;
        LittleEndian.putLong(m, at, len);
        LittleEndian.putInt(m, at + 8, 0x10);
        LittleEndian.putInt(m, at + 12, -1);
        LittleEndian.putLong(m, at + 0x10, subdir);
        if (!name.isEmpty()) {
            LittleEndian.putU16(m, at + 0x64, 2);
            m[at + 102] = (byte) name.charAt(0);
        }
        // A zero 8-byte terminator follows (already zero).
    }

    @Test
    void aMissingWimFileIsAnIoErrorNotAFormatError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Wim.open(tmp.resolve("nope.wim")));
    }
}
