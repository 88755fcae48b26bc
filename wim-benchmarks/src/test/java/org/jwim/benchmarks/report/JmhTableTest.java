package org.jwim.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JMH JSON to Markdown, on small hand-written result files in JMH's layout. */
class JmhTableTest {

    private static List<JmhResult> load(String name) throws IOException {
        try (InputStream in = JmhTableTest.class.getResourceAsStream(name)) {
            return JmhResult.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void parsesScoresParamsAndNaN() throws IOException {
        List<JmhResult> results = load("decompress.json");
        assertEquals(3, results.size());
        JmhResult jwim = results.get(1);
        assertEquals("jwim", jwim.method());
        assertEquals("XPRESS_32K", jwim.param("codec"));
        assertEquals(3.0e8, jwim.secondary().get("bytes").value());
        assertEquals(Double.NaN, jwim.secondary().get("bytes").error());
        assertEquals("ops/s", jwim.primary().unit());
    }

    @Test
    void decompressTableInCodecOrderWithRatioAndMissingSides() throws IOException {
        String expected = String.join("\n",
                "| format | chunk size | corpus | jwim MB/s | wimlib MB/s | jwim/wimlib |",
                "|---|---|---|---:|---:|---:|",
                "| XPRESS | 32 KiB | pe | 300.0 | 400.0 ± 20.0 | 0.75 |",
                "| LZMS | 16 MiB (solid) | text | n/a | 250.0 ± 12.5 | n/a |",
                "");
        assertEquals(expected, JmhTable.decompress(load("decompress.json")));
    }

    @Test
    void sha1TableConvertsOperationsToBytes() throws IOException {
        String expected = String.join("\n",
                "| blob size | JDK MB/s | BouncyCastle MB/s | JDK/BouncyCastle |",
                "|---|---:|---:|---:|",
                "| 4 KiB | 1024.0 | n/a | n/a |",
                "| 1 MiB | 1048.6 ± 21.0 | 419.4 ± 10.5 | 2.50 |",
                "");
        assertEquals(expected, JmhTable.sha1(load("sha1.json")));
    }

    @Test
    void sizesInBinaryUnits() {
        assertEquals("4 KiB", JmhTable.bytes(4096));
        assertEquals("16 MiB", JmhTable.bytes(16 << 20));
        assertEquals("1000 B", JmhTable.bytes(1000));
        assertEquals("1536 KiB", JmhTable.bytes(1536 << 10));
    }

    @Test
    void refusesWhatIsNotJmhJson() {
        assertThrows(IOException.class, () -> JmhResult.parse("{\"benchmark\": 1}"));
    }
}
