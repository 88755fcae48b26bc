package org.jwim.compression.lzms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import org.jwim.compression.CompressionType;
import org.jwim.compression.WimChunkSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every non-solid LZMS resource of the shared WIMs decodes to the SHA-1 its blob table gives. */
class LzmsWimTest {
    @Test
    void decodesTheLzmsResourcesOfRealWims() throws Exception {
        int resources = 0;
        for (Path wim : WimChunkSource.sharedWims()) {
            for (WimChunkSource.Resource r : WimChunkSource.compressedResources(wim)) {
                if (r.type() != CompressionType.LZMS) {
                    continue;
                }
                LzmsDecompressor d = new LzmsDecompressor(r.chunkSize());
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                for (int i = 0; i < r.chunks().size(); i++) {
                    byte[] chunk = r.chunks().get(i);
                    int size = r.chunkSizes().get(i);
                    if (chunk.length == size) {
                        sha1.update(chunk); // stored raw
                        continue;
                    }
                    byte[] out = new byte[size];
                    d.decompress(chunk, 0, chunk.length, out, 0, size);
                    sha1.update(out);
                }
                assertArrayEquals(r.sha1(), sha1.digest(), wim + " resource at " + r.offset());
                resources++;
            }
        }
        Assumptions.assumeTrue(resources > 0, "no LZMS WIM among the shared WIMs");
        assertTrue(resources > 0);
    }
}
