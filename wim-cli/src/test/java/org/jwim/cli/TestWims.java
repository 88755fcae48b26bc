package org.jwim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.Manifest;
import org.jwim.TestPaths;
import org.jwim.Wim;

/** Every test WIM that has a manifest (the project's testdata and the workplace's shared WIMs), once each. */
final class TestWims {
    /**
     * One WIM with the files its manifests say it needs.
     *
     * @param images   its image count (from its header)
     * @param manifest the manifests of its images
     */
    record Target(Path wim, List<Path> refs, int images, List<Manifest> manifest) {
        String name() {
            return manifest.get(0).name().replaceFirst("\\.\\d+$", "");
        }

        /** The --ref arguments for the refs. */
        List<String> refArgs() {
            List<String> l = new ArrayList<>();
            for (Path r : refs) {
                l.add("--ref=" + r);
            }
            return l;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static List<Target> all;

    private TestWims() {
    }

    static synchronized List<Target> all() {
        if (all == null) {
            List<Manifest> ms = new ArrayList<>(Manifest.loadAll(TestPaths.testdata()));
            ms.addAll(Manifest.loadAll(TestPaths.sharedWims()));
            Map<Path, List<Manifest>> byWim = new LinkedHashMap<>();
            for (Manifest m : ms) {
                if (m.wim() != null) {
                    byWim.computeIfAbsent(m.wim(), w -> new ArrayList<>()).add(m);
                }
            }
            List<Target> l = new ArrayList<>();
            for (Map.Entry<Path, List<Manifest>> e : byWim.entrySet()) {
                l.add(new Target(e.getKey(), e.getValue().get(0).refs(), imageCount(e.getKey()), e.getValue()));
            }
            all = List.copyOf(l);
        }
        return all;
    }

    private static int imageCount(Path wim) {
        try (Wim w = Wim.open(wim)) {
            return w.imageCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open test WIM " + wim, e);
        }
    }

    /** The shared WIMs, or null when absent (the caller skips). */
    static Path shared(String relative) {
        Path dir = TestPaths.sharedWims();
        return dir == null ? null : dir.resolve(relative);
    }
}
