package org.jwim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jwim.format.BlobDescriptor;
import org.jwim.format.MetadataReader;
import org.jwim.format.MetadataWriter;
import org.jwim.image.Dentry;
import org.jwim.image.ImageTree;
import org.jwim.image.Inode;
import org.jwim.image.StreamEntry;
import org.jwim.image.TaggedItem;
import org.jwim.io.BlobInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every test image's metadata, read and written back, reads as the same tree; for images wimlib
 * wrote, the written bytes are the very bytes wimlib wrote.
 */
class MetadataRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyImage() {
        return ManifestTest.manifests().filter(Manifest::expectOk)
                .map(m -> DynamicTest.dynamicTest(m.name(), () -> check(m)));
    }

    private static void check(Manifest m) throws IOException {
        try (Wim wim = Wim.open(m.wim(), OpenOptions.defaults().withRefs(m.refs()))) {
            Image image = wim.image(m.image());
            BlobDescriptor b = image.metadataBlob();
            byte[] original;
            try (InputStream in = new BlobInputStream(b, true)) {
                original = in.readAllBytes();
            }
            ImageTree tree = image.tree();
            byte[] written = MetadataWriter.write(tree);
            ImageTree again = MetadataReader.read((off, msg) -> new WimFormatException(null, off, msg), written, h -> 0);
            assertEquals(describe(tree), describe(again), "tree after a write and a read");
            String writer = m.json().path("writer").asText("") + m.json().path("command").asText("");
            // An image the reader had to fix up (duplicate names dropped, say) cannot come back as it was;
            // nor can one where wimlib before 1.14.2 gave a directory an empty unnamed data entry,
            // which jwim, like DISM and newer wimlib, does not write.
            boolean oldDirectoryStreams = Image.walk(tree.root()).anyMatch(d -> d.inode().hasAttribute(org.jwim.image.FileAttributes.DIRECTORY) && d.inode().unnamedData() != null);
            if (writer.contains("wimlib") && !writer.contains("7-Zip") && !writer.contains("7zz") && tree.warnings().isEmpty()
                    && !oldDirectoryStreams) {
                assertEquals(HexFormat.of().formatHex(original), HexFormat.of().formatHex(written),
                        "metadata bytes as wimlib wrote them");
                assertArrayEquals(original, written);
            }
        }
    }

    /** Everything the format stores, as text, in tree order. */
    static List<String> describe(ImageTree tree) {
        List<String> l = new ArrayList<>();
        for (byte[] sd : tree.security().descriptors()) {
            l.add("sd " + HexFormat.of().formatHex(sd));
        }
        for (Dentry d : Image.walk(tree.root()).toList()) {
            Inode i = d.inode();
            StringBuilder s = new StringBuilder(d.path()).append(" short=").append(d.shortName())
                    .append(" attr=").append(Integer.toHexString(i.attributes())).append(" sec=").append(i.securityId())
                    .append(" t=").append(i.creationTime()).append('/').append(i.lastAccessTime()).append('/')
                    .append(i.lastWriteTime()).append(" rp=").append(Integer.toHexString(i.reparseTag())).append('/')
                    .append(i.reparseReserved()).append('/').append(i.reparseFlags()).append(" links=")
                    .append(i.links().size()).append(" u54=").append(i.unknown0x54());
            i.streams().stream()
                    .filter(x -> !(i.hasAttribute(org.jwim.image.FileAttributes.DIRECTORY) && x.type() == StreamEntry.Type.DATA && !x.isNamed() && x.isEmpty()))
                    .forEach(x -> s.append(" [").append(x.type()).append(':').append(x.name()).append(':')
                    .append(x.hash()).append(']'));
            for (TaggedItem t : i.taggedItems()) {
                s.append(" tag ").append(Integer.toHexString(t.tag())).append('=').append(HexFormat.of().formatHex(t.data()));
            }
            l.add(s.toString());
        }
        return l;
    }
}
