package org.jwim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A manifest of a test WIM image ("jwim-corpus-manifest/1"): what wimlib-imagex info, dir and
 * apply said of it.
 */
public record Manifest(Path file, Path wim, List<Path> refs, int image, JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public boolean expectOk() {
        return "ok".equals(json.path("expect").asText("ok"));
    }

    public String name() {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }

    @Override
    public String toString() {
        return name();
    }

    /** Every manifest under {@code dir/**}/manifests/*.json, with its WIM resolved. */
    public static List<Manifest> loadAll(Path dir) {
        List<Manifest> l = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return l;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json") && p.getParent().getFileName().toString().equals("manifests"))
                    .sorted().toList()) {
                JsonNode j = MAPPER.readTree(f.toFile());
                if (!j.path("format").asText().startsWith("jwim-corpus-manifest")) {
                    continue;
                }
                Path base = f.getParent().getParent();
                Path wim = resolve(dir, base, j.path("wim").asText());
                List<Path> refs = new ArrayList<>();
                JsonNode parts = j.path("parts");
                for (JsonNode p : parts) {
                    Path pp = resolve(dir, base, p.asText());
                    if (pp != null && !pp.equals(wim)) {
                        refs.add(pp);
                    }
                }
                if (j.hasNonNull("ref") && refs.isEmpty()) {
                    refs.addAll(glob(wim.getParent(), Path.of(j.path("ref").asText()).getFileName().toString(), wim));
                }
                l.add(new Manifest(f, wim, refs, j.path("image").asInt(1), j));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return l;
    }

    private static Path resolve(Path root, Path base, String rel) {
        for (Path candidate : List.of(base.resolve(rel), root.resolve(rel), base.getParent().resolve(rel))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        // Paths written as "real/..." or with another first folder: try dropping leading folders.
        Path r = Path.of(rel);
        for (int i = 1; i < r.getNameCount(); i++) {
            Path sub = r.subpath(i, r.getNameCount());
            for (Path candidate : List.of(base.resolve(sub), root.resolve(sub))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return null;
    }

    private static List<Path> glob(Path dir, String pattern, Path except) throws IOException {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> m.matches(p.getFileName()) && !p.equals(except)).sorted().toList();
        }
    }
}
