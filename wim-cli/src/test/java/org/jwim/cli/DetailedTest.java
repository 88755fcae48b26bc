package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jwim.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code jwim dir --detailed} agrees field by field with wimlib's: with what the testdata
 * manifests recorded of wimlib-imagex, and with the installed wimlib-imagex run now.
 */
class DetailedTest {

    @TestFactory
    Stream<DynamicTest> againstManifests() {
        List<DynamicTest> l = new ArrayList<>();
        for (TestWims.Target t : TestWims.all()) {
            for (Manifest m : t.manifest()) {
                if (m.json().has("detailed") && m.json().get("detailed").isArray()) {
                    l.add(DynamicTest.dynamicTest(m.name(), () -> compare(m.name(), m.json().get("detailed"), jwim(t, m.image()))));
                }
            }
        }
        Assumptions.assumeFalse(l.isEmpty(), "no manifest has \"detailed\" entries");
        return l.stream();
    }

    @TestFactory
    Stream<DynamicTest> againstWimlib() {
        Wimlib.assume();
        List<DynamicTest> l = new ArrayList<>();
        for (TestWims.Target t : TestWims.all()) {
            for (int image = 1; image <= t.images(); image++) {
                int i = image;
                l.add(DynamicTest.dynamicTest(t + "#" + i, () -> {
                    List<String> args = args(t, i);
                    Cli.Result w = Wimlib.run(args);
                    Assumptions.assumeTrue(w.rc() == 0, () -> "wimlib refuses this image: " + w.err().strip());
                    compare(t + "#" + i, DetailedParser.toJson(DetailedParser.parse(w.out())), jwim(t, i));
                }));
            }
        }
        return l.stream();
    }

    private static List<String> args(TestWims.Target t, int image) {
        List<String> args = new ArrayList<>(List.of("dir", t.wim().toString(), Integer.toString(image), "--detailed"));
        args.addAll(t.refArgs());
        return args;
    }

    private static JsonNode jwim(TestWims.Target t, int image) {
        Cli.Result r = Cli.run(args(t, image)).skipIfCodecMissing();
        assertEquals(0, r.rc(), r.toString());
        return DetailedParser.toJson(DetailedParser.parse(r.out()));
    }

    /** Entry by entry, field by field, naming the file and field of the first difference. */
    static void compare(String what, JsonNode expected, JsonNode actual) {
        assertTrue(expected.size() > 0, what + ": no entries expected");
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            JsonNode e = expected.get(i);
            JsonNode a = actual.get(i);
            String path = e.path("path").asText();
            assertEquals(path, a.path("path").asText(), what + ": entry " + i + " is another file");
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("streams")) {
                    compareStreams(what + " " + path, f.getValue(), a.get("streams"));
                } else {
                    assertEquals(f.getValue(), a.get(f.getKey()), what + " " + path + ": field " + f.getKey());
                }
            }
            assertEquals(fieldNames((ObjectNode) e), fieldNames((ObjectNode) a), what + " " + path + ": fields");
        }
        assertEquals(expected.size(), actual.size(), what + ": number of entries");
    }

    private static void compareStreams(String what, JsonNode expected, JsonNode actual) {
        assertEquals(expected.size(), actual.size(), what + ": number of streams");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": stream " + i);
        }
    }

    private static List<String> fieldNames(ObjectNode o) {
        List<String> l = new ArrayList<>();
        o.fieldNames().forEachRemaining(l::add);
        l.sort(null);
        return l;
    }
}
