package org.jwim.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WimChunkSourceTest {
    @Test
    void findsTheChunksOfMicrosoftWims() throws Exception {
        List<Path> wims = WimChunkSource.sharedWims();
        org.junit.jupiter.api.Assumptions.assumeFalse(wims.isEmpty(), "no shared WIMs here");
        int resources = 0;
        for (Path p : wims) {
            if (!p.toString().contains("microsoft")) {
                continue;
            }
            for (WimChunkSource.Resource r : WimChunkSource.compressedResources(p)) {
                long total = r.chunkSizes().stream().mapToLong(Integer::longValue).sum();
                assertEquals(r.uncompressedSize(), total, p + " @" + r.offset());
                for (int i = 0; i < r.chunks().size(); i++) {
                    assertFalse(r.chunks().get(i).length > r.chunkSizes().get(i), "chunk larger than its data");
                }
                resources++;
            }
        }
        assertFalse(resources == 0);
    }
}
