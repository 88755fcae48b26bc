package org.jwim.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Compression results to Markdown, on a small hand-written file in JMH's layout. */
class CompressTableTest {
    @Test
    void rowsByLevelWithSpeedAndSizeRatios() throws IOException {
        String json;
        try (InputStream in = CompressTableTest.class.getResourceAsStream("compress.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Level 20 has no "stored" counter: left out. Level 100 has no wimlib side: n/a.
        String expected = String.join("\n",
                "| codec | corpus | level | jwim MB/s | wimlib MB/s | jwim/wimlib time | jwim size | wimlib size | jwim/wimlib size |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|",
                "| XPRESS_32K | pe | 50 | 80.0 | 100.0 ± 2.0 | 1.25 | 33.00% | 33.00% | 1.0000 |",
                "| XPRESS_32K | pe | 100 | 10.0 ± 1.0 | n/a | n/a | 30.00% | n/a | n/a |",
                "");
        assertEquals(expected, CompressTable.table(JmhResult.parse(json)));
    }
}
