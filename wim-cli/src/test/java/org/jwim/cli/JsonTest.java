package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jwim.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code --json} output parses and holds the facts wimlib reports: {@code info --json} against the
 * manifests' record of wimlib-imagex info, {@code dir --json} against the paths of {@code dir},
 * wimlib's {@code dir --detailed} and the files wimlib-imagex apply made.
 */
class JsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> info() {
        return TestWims.all().stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> checkInfo(t)));
    }

    @TestFactory
    Stream<DynamicTest> dir() {
        List<DynamicTest> l = new ArrayList<>();
        for (TestWims.Target t : TestWims.all()) {
            for (Manifest m : t.manifest()) {
                if (m.expectOk()) {
                    l.add(DynamicTest.dynamicTest(m.name(), () -> checkDir(t, m)));
                }
            }
        }
        return l.stream();
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        r.skipIfCodecMissing();
        assertEquals(0, r.rc(), r.toString());
        return MAPPER.readTree(r.outBytes());
    }

    private static void checkInfo(TestWims.Target t) throws Exception {
        JsonNode j = json(Cli.run("info", t.wim().toString(), "--json", "--blobs"));
        JsonNode w = t.manifest().get(0).json().path("info");
        assertEquals(w.path("guid").asText(), j.path("guid").asText(), "guid");
        assertEquals(w.path("version").asLong(), j.path("version").asLong(), "version");
        assertEquals(w.path("image_count").asInt(), j.path("image_count").asInt(), "image count");
        assertEquals(w.path("compression").asText(), j.path("compression").asText(), "compression");
        assertEquals(w.path("chunk_size").asLong(), j.path("chunk_size").asLong(), "chunk size");
        assertEquals(w.path("part_number").asInt(), j.path("part_number").asInt(), "part number");
        assertEquals(w.path("total_parts").asInt(), j.path("total_parts").asInt(), "total parts");
        assertEquals(w.path("boot_index").asInt(), j.path("boot_index").asInt(), "boot index");
        assertEquals(w.path("attributes"), j.path("attributes"), "attributes");
        if (w.has("xml_totalbytes")) {
            assertEquals(w.path("xml_totalbytes").asLong(), j.path("size").asLong(), "size");
        }
        JsonNode h = w.path("header");
        if (h.has("flags")) {
            assertEquals(h.path("flags"), j.path("header").path("flag_names"), "header flags");
            assertEquals(h.path("magic").asText(), j.path("header").path("magic").asText(), "magic");
            assertEquals(Long.decode(h.path("version").asText()).longValue(), j.path("header").path("version").asLong());
        }
        JsonNode counts = w.path("blobs");
        if (counts.has("count")) {
            JsonNode blobs = j.path("blobs");
            assertEquals(counts.path("count").asInt(), blobs.size(), "blobs listed");
            int metadata = 0;
            int solid = 0;
            long bytes = 0;
            for (JsonNode b : blobs) {
                metadata += b.path("metadata").asBoolean() ? 1 : 0;
                solid += b.path("solid").asBoolean() ? 1 : 0;
                bytes += b.path("size").asLong();
            }
            assertEquals(counts.path("metadata").asInt(), metadata, "metadata blobs");
            assertEquals(counts.path("solid").asInt(), solid, "solid blobs");
            assertEquals(counts.path("uncompressed_bytes").asLong(), bytes, "uncompressed bytes");
        }
        JsonNode images = j.path("images");
        assertEquals(w.path("images").size(), images.size(), "images");
        for (int i = 0; i < images.size(); i++) {
            JsonNode wi = w.path("images").get(i);
            JsonNode ji = images.get(i);
            for (String k : List.of("index", "name", "description", "dir_count", "file_count", "total_bytes",
                    "hard_link_bytes", "wimboot")) {
                assertEquals(wi.path(k).asText(), ji.path(k).asText(), "image " + (i + 1) + " " + k);
            }
        }
        for (Manifest m : t.manifest()) {
            JsonNode xml = m.json().path("image_info").path("xml");
            JsonNode ji = images.get(m.image() - 1);
            if (xml.has("WINDOWS/ARCH")) {
                assertEquals(xml.path("WINDOWS/ARCH").asLong(), ji.path("windows").path("arch").asLong(), "arch");
            }
            JsonNode langs = xml.path("WINDOWS/LANGUAGES/LANGUAGE");
            if (!langs.isMissingNode()) {
                List<String> expected = new ArrayList<>();
                if (langs.isArray()) {
                    langs.forEach(x -> expected.add(x.asText()));
                } else {
                    expected.add(langs.asText());
                }
                List<String> actual = new ArrayList<>();
                ji.path("windows").path("languages").forEach(x -> actual.add(x.asText()));
                assertEquals(expected, actual, "languages");
            }
            if (xml.has("DISPLAYNAME")) {
                assertEquals(xml.path("DISPLAYNAME").asText(), ji.path("display_name").asText(), "display name");
            }
            assertEquals(xml.path("CREATIONTIME/HIGHPART").asText().isEmpty() ? 0
                    : (Long.decode(xml.path("CREATIONTIME/HIGHPART").asText()) << 32
                            | Long.decode(xml.path("CREATIONTIME/LOWPART").asText())),
                    ji.path("creation_time").path("filetime").asLong(), "creation time");
        }
    }

    private static void checkDir(TestWims.Target t, Manifest m) throws Exception {
        List<String> args = new ArrayList<>(List.of("dir", t.wim().toString(), Integer.toString(m.image()), "--json"));
        args.addAll(t.refArgs());
        JsonNode entries = json(Cli.run(args));
        assertTrue(entries.isArray() && entries.size() > 0, "an array of entries");

        List<String> plain = new ArrayList<>(List.of("dir", t.wim().toString(), Integer.toString(m.image())));
        plain.addAll(t.refArgs());
        String[] paths = Cli.run(plain).out().split("\n");
        assertEquals(paths.length, entries.size(), "one entry per path of jwim dir");
        Map<String, JsonNode> byPath = new HashMap<>();
        for (int i = 0; i < paths.length; i++) {
            assertEquals(paths[i], entries.get(i).path("path").asText(), "entry " + i);
            byPath.put(paths[i], entries.get(i));
        }

        JsonNode detailed = wimlibDetailed(t, m);
        if (detailed != null) {
            assertEquals(detailed.size(), entries.size(), "entries of wimlib's dir --detailed");
            for (int i = 0; i < detailed.size(); i++) {
                sameFacts(detailed.get(i), entries.get(i));
            }
        }

        for (JsonNode f : m.json().path("tree")) {
            if (f.path("type").asText().equals("file") && f.has("sha1")) {
                String p = "/" + f.path("path").asText();
                JsonNode e = byPath.get(p);
                assertTrue(e != null, p + " (applied by wimlib) is not in jwim's listing");
                assertEquals(f.path("size").asLong(), e.path("size").asLong(), p + " size");
                String sha1 = e.path("sha1").isNull() ? "da39a3ee5e6b4b0d3255bfef95601890afd80709" : e.path("sha1").asText();
                assertEquals(f.path("sha1").asText(), sha1, p + " SHA-1");
            }
        }
    }

    /** wimlib's dir --detailed: from the manifest when it has it, else run now; null when neither. */
    private static JsonNode wimlibDetailed(TestWims.Target t, Manifest m) {
        if (m.json().path("detailed").isArray()) {
            return m.json().get("detailed");
        }
        if (!Wimlib.available()) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of("dir", t.wim().toString(), Integer.toString(m.image()), "--detailed"));
        args.addAll(t.refArgs());
        Cli.Result r = Wimlib.run(args);
        Assumptions.assumeTrue(r.rc() == 0, "wimlib refuses this image");
        return DetailedParser.toJson(DetailedParser.parse(r.out()));
    }

    /** One jwim JSON entry says what wimlib's --detailed entry says. */
    private static void sameFacts(JsonNode w, JsonNode j) {
        String p = w.path("path").asText();
        assertEquals(p, j.path("path").asText(), "path");
        assertEquals(w.path("short_name").asText(), j.path("short_name").asText(), p + " short name");
        assertEquals(w.path("attributes").asText(), String.format("0x%08x", j.path("attributes").asLong()), p + " attributes");
        assertEquals(w.path("link_count").asLong(), j.path("link_count").asLong(), p + " link count");
        assertEquals(w.path("link_group_id").asText(), String.format("0x%016x", j.path("hard_link_group").asLong()),
                p + " hard-link group");
        for (String[] time : new String[][] {{"creation_time", "creation_time"}, {"last_write_time", "last_write_time"},
            {"last_access_time", "last_access_time"}}) {
            assertEquals(w.path(time[0]).asText(), FileTimes.wimlibText(j.path(time[1]).path("filetime").asLong()),
                    p + " " + time[0]);
            assertTrue(j.path(time[1]).path("iso").asText().endsWith("Z"), p + " ISO time");
        }
        if (!w.path("reparse_tag").isNull()) {
            assertEquals(Long.decode(w.path("reparse_tag").asText()).longValue(), j.path("reparse_tag").asLong(), p + " tag");
        }
        Map<String, String> wimlibStreams = new HashMap<>();
        for (JsonNode s : w.path("streams")) {
            wimlibStreams.put(s.path("kind").asText() + ":" + s.path("name").asText(), s.path("hash").asText());
        }
        for (JsonNode s : j.path("streams")) {
            String kind = s.path("name").asText().isEmpty()
                    ? (s.path("type").asText().equals("data") ? "unnamed" : s.path("type").asText()) : "named";
            String key = kind + ":" + s.path("name").asText();
            String hash = s.path("sha1").isNull() ? "0".repeat(40) : s.path("sha1").asText();
            if (wimlibStreams.containsKey(key)) {
                assertEquals(wimlibStreams.get(key), hash, p + " stream " + key);
            }
        }
        String type = j.path("type").asText();
        if (type.equals("symlink") || type.equals("junction")) {
            assertTrue(j.has("link_target") || !j.path("streams").isEmpty(), p + ": link without target");
        }
    }
}
