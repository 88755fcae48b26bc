package org.jwim.benchmarks.report;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jwim.benchmarks.CodecCase;

/**
 * Turns JMH JSON results into the Markdown tables of the README: jwim beside wimlib for
 * {@code DecompressBenchmark}, the JDK beside BouncyCastle for {@code Sha1Benchmark}. MB is
 * 10<sup>6</sup> bytes; "±" is JMH's 99.9% error margin, left out when there were too few
 * samples for one. A side with no result (it failed or was not run) shows "n/a".
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.jwim.benchmarks.report.JmhTable decompress|sha1
 * RESULT.json}
 */
public final class JmhTable {
    private JmhTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("decompress") || args[0].equals("sha1"))) {
            System.err.println("usage: JmhTable decompress|sha1 RESULT.json");
            System.exit(2);
        }
        List<JmhResult> results = JmhResult.read(Paths.get(args[1]));
        System.out.print(args[0].equals("decompress") ? decompress(results) : sha1(results));
    }

    /** The decompression table: one row per format, chunk size and corpus. */
    public static String decompress(List<JmhResult> results) {
        // Rows keyed by (codec, corpus) in the order they first appear; columns by method.
        Map<List<String>, Map<String, double[]>> rows = new LinkedHashMap<>();
        for (JmhResult r : results) {
            JmhResult.Score bytes = r.secondary().get("bytes");
            if (bytes == null || r.param("codec") == null) {
                continue;
            }
            rows.computeIfAbsent(List.of(r.param("codec"), r.param("corpus")), k -> new LinkedHashMap<>())
                    .put(r.method(), new double[] {bytes.value() / 1e6, bytes.error() / 1e6});
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| format | chunk size | corpus | jwim MB/s | wimlib MB/s | jwim/wimlib |\n");
        sb.append("|---|---|---|---:|---:|---:|\n");
        List<List<String>> keys = new ArrayList<>(rows.keySet());
        keys.sort((a, b) -> {
            int c = Integer.compare(codecOrder(a.get(0)), codecOrder(b.get(0)));
            return c != 0 ? c : a.get(1).compareTo(b.get(1));
        });
        for (List<String> key : keys) {
            Map<String, double[]> m = rows.get(key);
            sb.append("| ").append(format(key.get(0))).append(" | ").append(chunkSize(key.get(0)))
                    .append(" | ").append(key.get(1))
                    .append(" | ").append(rate(m.get("jwim")))
                    .append(" | ").append(rate(m.get("wimlib")))
                    .append(" | ").append(ratio(m.get("jwim"), m.get("wimlib"))).append(" |\n");
        }
        return sb.toString();
    }

    /** The SHA-1 table: one row per blob size (and slice size, when several were run). */
    public static String sha1(List<JmhResult> results) {
        Map<List<Integer>, Map<String, double[]>> rows = new LinkedHashMap<>();
        boolean severalSlices = results.stream().map(r -> r.param("slice")).distinct().count() > 1;
        for (JmhResult r : results) {
            if (r.param("size") == null || r.param("slice") == null) {
                continue;
            }
            int size = Integer.parseInt(r.param("size"));
            int slice = Integer.parseInt(r.param("slice"));
            // One operation hashes one blob: bytes/s = ops/s * size.
            rows.computeIfAbsent(List.of(size, slice), k -> new LinkedHashMap<>()).put(r.method(),
                    new double[] {r.primary().value() * size / 1e6, r.primary().error() * size / 1e6});
        }
        List<List<Integer>> keys = new ArrayList<>(rows.keySet());
        keys.sort((a, b) -> a.get(0).equals(b.get(0)) ? a.get(1) - b.get(1) : a.get(0) - b.get(0));
        StringBuilder sb = new StringBuilder();
        sb.append(severalSlices ? "| blob size | slice " : "| blob size ")
                .append("| JDK MB/s | BouncyCastle MB/s | JDK/BouncyCastle |\n");
        sb.append(severalSlices ? "|---|---" : "|---").append("|---:|---:|---:|\n");
        for (List<Integer> key : keys) {
            Map<String, double[]> m = rows.get(key);
            sb.append("| ").append(bytes(key.get(0)));
            if (severalSlices) {
                sb.append(" | ").append(bytes(key.get(1)));
            }
            sb.append(" | ").append(rate(m.get("jdk")))
                    .append(" | ").append(rate(m.get("bouncyCastle")))
                    .append(" | ").append(ratio(m.get("jdk"), m.get("bouncyCastle"))).append(" |\n");
        }
        return sb.toString();
    }

    private static int codecOrder(String codec) {
        try {
            return CodecCase.valueOf(codec).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String format(String codec) {
        try {
            return CodecCase.valueOf(codec).type().name();
        } catch (IllegalArgumentException e) {
            return codec;
        }
    }

    private static String chunkSize(String codec) {
        try {
            CodecCase c = CodecCase.valueOf(codec);
            return bytes(c.chunkSize()) + (c.solid() ? " (solid)" : "");
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /** 4096 as "4 KiB", 16777216 as "16 MiB"; other sizes in bytes. */
    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " B";
    }

    private static String rate(double[] mbs) {
        if (mbs == null) {
            return "n/a";
        }
        if (Double.isNaN(mbs[1])) {
            return String.format(Locale.ROOT, "%.1f", mbs[0]);
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f", mbs[0], mbs[1]);
    }

    private static String ratio(double[] a, double[] b) {
        if (a == null || b == null || b[0] == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", a[0] / b[0]);
    }
}
