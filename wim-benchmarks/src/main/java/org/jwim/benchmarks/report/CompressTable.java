package org.jwim.benchmarks.report;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown table of a compression benchmark ({@code CompressBenchmark} and any other
 * with the same shape: parameters {@code codec}, {@code corpus}, {@code level}; methods
 * {@code jwim} and {@code wimlib}; counters {@code bytes} and {@code stored} per second). One row
 * per codec, corpus and level: each side's speed in input MB/s, jwim's time over wimlib's, each
 * side's stored size as a share of the input, and jwim's size over wimlib's. MB is 10<sup>6</sup>
 * bytes; "±" is JMH's 99.9% error margin.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.jwim.benchmarks.report.CompressTable RESULT.json}
 */
public final class CompressTable {
    private CompressTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompressTable RESULT.json");
            System.exit(2);
        }
        System.out.print(table(JmhResult.read(Paths.get(args[0]))));
    }

    /** Speed (MB/s and error) and stored/input ratio of one side. */
    private record Side(double mbs, double error, double storedShare) {
    }

    public static String table(List<JmhResult> results) {
        Map<List<String>, Map<String, Side>> rows = new LinkedHashMap<>();
        for (JmhResult r : results) {
            JmhResult.Score bytes = r.secondary().get("bytes");
            JmhResult.Score stored = r.secondary().get("stored");
            if (bytes == null || stored == null || r.param("corpus") == null || r.param("level") == null) {
                continue;
            }
            String codec = r.param("codec") == null ? "?" : r.param("codec");
            rows.computeIfAbsent(List.of(codec, r.param("corpus"), r.param("level")), k -> new LinkedHashMap<>())
                    .put(r.method(), new Side(bytes.value() / 1e6, bytes.error() / 1e6, stored.value() / bytes.value()));
        }
        List<List<String>> keys = new ArrayList<>(rows.keySet());
        keys.sort((a, b) -> {
            int c = a.get(0).compareTo(b.get(0));
            if (c == 0) {
                c = a.get(1).compareTo(b.get(1));
            }
            return c != 0 ? c : Integer.compare(Integer.parseInt(a.get(2)), Integer.parseInt(b.get(2)));
        });
        StringBuilder sb = new StringBuilder();
        sb.append("| codec | corpus | level | jwim MB/s | wimlib MB/s | jwim/wimlib time | jwim size | wimlib size | jwim/wimlib size |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<String> key : keys) {
            Side j = rows.get(key).get("jwim");
            Side w = rows.get(key).get("wimlib");
            sb.append("| ").append(key.get(0)).append(" | ").append(key.get(1)).append(" | ").append(key.get(2))
                    .append(" | ").append(rate(j)).append(" | ").append(rate(w))
                    .append(" | ").append(j == null || w == null ? "n/a" : fmt("%.2f", w.mbs() / j.mbs()))
                    .append(" | ").append(j == null ? "n/a" : fmt("%.2f%%", 100 * j.storedShare()))
                    .append(" | ").append(w == null ? "n/a" : fmt("%.2f%%", 100 * w.storedShare()))
                    .append(" | ").append(j == null || w == null ? "n/a" : fmt("%.4f", j.storedShare() / w.storedShare()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String rate(Side s) {
        if (s == null) {
            return "n/a";
        }
        return Double.isNaN(s.error()) ? fmt("%.1f", s.mbs()) : fmt("%.1f ± %.1f", s.mbs(), s.error());
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
