package org.jwim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code dir --detailed} text (wimlib's or jwim's) into the entries the testdata manifests
 * hold under "detailed": one object per file with the same keys, so outputs can be compared
 * field by field.
 */
final class DetailedParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> QUOTED = Map.of("Full Path", "path", "Short Name", "short_name");
    private static final Map<String, String> PLAIN = Map.of("Attributes", "attributes", "Security Descriptor",
            "security_descriptor", "Creation Time", "creation_time", "Last Write Time", "last_write_time",
            "Last Access Time", "last_access_time", "Reparse Tag", "reparse_tag", "Link Group ID", "link_group_id");
    private static final Map<String, String> OBJECT_ID = Map.of("Object ID", "object_id", "Birth Volume ID",
            "birth_volume_id", "Birth Object ID", "birth_object_id", "Domain ID", "domain_id");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s+FILE_ATTRIBUTE_(\\w+) is set$");
    private static final Pattern NAMED = Pattern.compile("^\\tNamed data stream \"(.*)\":$", Pattern.DOTALL);
    private static final Pattern SOLID = Pattern.compile("(\\d+) => (\\d+) bytes @ offset (\\d+)");

    private DetailedParser() {
    }

    static List<ObjectNode> parse(String text) {
        List<ObjectNode> entries = new ArrayList<>();
        String[] blocks = text.split("-".repeat(76) + "\n", -1);
        for (int b = 1; b < blocks.length; b++) {
            entries.add(entry(blocks[b].split("\n")));
        }
        return entries;
    }

    private static ObjectNode entry(String[] lines) {
        ObjectNode e = MAPPER.createObjectNode();
        ArrayNode flags = e.putArray("attribute_flags");
        e.putNull("security_descriptor");
        e.putNull("reparse_tag");
        e.putNull("object_id");
        e.putNull("unix_data");
        ArrayNode streams = e.putArray("streams");
        int i = 0;
        for (; i < lines.length && !lines[i].startsWith("\t"); i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = ATTRIBUTE.matcher(line);
            if (m.matches()) {
                flags.add(m.group(1));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("unknown line in dir --detailed: " + line);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (QUOTED.containsKey(key)) {
                e.put(QUOTED.get(key), value.substring(1, value.length() - 1));
            } else if (PLAIN.containsKey(key)) {
                e.put(PLAIN.get(key), value);
            } else if (key.equals("Link Count")) {
                e.put("link_count", Long.parseLong(value));
            } else if (key.equals("UNIX Data")) {
                ObjectNode u = e.putObject("unix_data");
                for (String kv : value.split(" ")) {
                    String[] p = kv.split(":", 2);
                    if (p[0].equals("uid") || p[0].equals("gid")) {
                        u.put(p[0], Long.parseLong(p[1]));
                    } else {
                        u.put(p[0], p[1]);
                    }
                }
            } else if (OBJECT_ID.containsKey(key)) {
                ObjectNode o = e.get("object_id").isNull() ? e.putObject("object_id") : (ObjectNode) e.get("object_id");
                o.put(OBJECT_ID.get(key), value);
            } else {
                throw new IllegalArgumentException("unknown line in dir --detailed: " + line);
            }
        }
        while (i < lines.length) {
            String title = lines[i];
            int j = i + 1;
            while (j < lines.length && !lines[j].startsWith("\t")) {
                j++;
            }
            ObjectNode s = streams.addObject();
            Matcher m = NAMED.matcher(title);
            if (m.matches()) {
                s.put("name", m.group(1));
                s.put("kind", "named");
            } else {
                s.put("name", "");
                s.put("kind", switch (title) {
                    case "\tUnnamed data stream:" -> "unnamed";
                    case "\tReparse point stream:" -> "reparse";
                    case "\tRaw encrypted data stream:" -> "encrypted";
                    default -> throw new IllegalArgumentException("unknown stream title: " + title);
                });
            }
            resource(s, lines, i + 1, j);
            i = j;
        }
        return e;
    }

    /** The lines of one blob as wimlib's print_resource() writes them. */
    private static void resource(ObjectNode r, String[] lines, int from, int to) {
        for (int k = from; k < to; k++) {
            int eq = lines[k].indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = lines[k].substring(0, eq).strip();
            String value = lines[k].substring(eq + 1).strip();
            switch (key) {
                case "Hash" -> r.put("hash", value.substring(2));
                case "Uncompressed size" -> r.put("size", Long.parseLong(value.split(" ")[0]));
                case "Compressed size" -> r.put("compressed_size", Long.parseLong(value.split(" ")[0]));
                case "Offset in WIM" -> r.put("offset", Long.parseLong(value.split(" ")[0]));
                case "Solid resource" -> {
                    Matcher m = SOLID.matcher(value);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("bad solid resource line: " + lines[k]);
                    }
                    ObjectNode s = r.putObject("solid_resource");
                    s.put("uncompressed_size", Long.parseLong(m.group(1)));
                    s.put("compressed_size", Long.parseLong(m.group(2)));
                    s.put("offset", Long.parseLong(m.group(3)));
                }
                case "Solid offset" -> r.put("solid_offset", Long.parseLong(value.split(" ")[0]));
                case "Part Number" -> r.put("part_number", Long.parseLong(value));
                case "Reference Count" -> r.put("reference_count", Long.parseLong(value));
                case "Flags" -> {
                    ArrayNode f = r.putArray("flags");
                    for (String x : value.isEmpty() ? new String[0] : value.split("\\s+")) {
                        f.add(x);
                    }
                }
                default -> throw new IllegalArgumentException("unknown blob line: " + lines[k]);
            }
        }
        r.put("missing", !r.has("size"));
    }

    /** The entries as a JSON array as a manifest would hold them (numbers re-read, so 1 is an int as there). */
    static JsonNode toJson(List<ObjectNode> entries) {
        ArrayNode a = MAPPER.createArrayNode();
        a.addAll(entries);
        try {
            return MAPPER.readTree(a.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
