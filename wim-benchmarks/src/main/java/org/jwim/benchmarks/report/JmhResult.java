package org.jwim.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result from JMH's JSON output ({@code -rf json}): the method, its parameters,
 * and the scores of the primary and secondary metrics.
 */
public record JmhResult(String method, Map<String, String> params, Score primary, Map<String, Score> secondary) {

    /** A score with its error margin (NaN when JMH had too few samples for one) and unit. */
    public record Score(double value, double error, String unit) {
    }

    /** Reads every result of a JMH JSON file. */
    public static List<JmhResult> read(Path json) throws IOException {
        return parse(Files.readString(json));
    }

    /** Parses JMH's JSON: an array of result objects. */
    public static List<JmhResult> parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isArray()) {
            throw new IOException("not a JMH JSON result file: the top level is not an array");
        }
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode r : root) {
            String benchmark = r.path("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            Map<String, Score> secondary = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                secondary.put(e.getKey(), score(e.getValue()));
            }
            results.add(new JmhResult(method, params, score(r.path("primaryMetric")), secondary));
        }
        return results;
    }

    private static Score score(JsonNode metric) {
        return new Score(number(metric.path("score")), number(metric.path("scoreError")),
                metric.path("scoreUnit").asText());
    }

    // JMH writes "NaN" as a string when a score has no error margin.
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The parameter's value, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }
}
