package org.jwim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every test WIM: {@code jwim info} (plain, --header, --blobs) and {@code jwim dir} (plain and
 * --detailed, every image) print byte for byte what wimlib-imagex 1.13.5 prints.
 */
class WimlibTextTest {
    private static final Set<String> SAME_INFO = ConcurrentHashMap.newKeySet();
    private static final Set<String> SAME_DIR = ConcurrentHashMap.newKeySet();

    @TestFactory
    Stream<DynamicNode> everyWim() {
        Wimlib.assume();
        return TestWims.all().stream().map(t -> DynamicContainer.dynamicContainer(t.name(), tests(t)));
    }

    private static Stream<DynamicNode> tests(TestWims.Target t) {
        List<DynamicNode> l = new ArrayList<>();
        String wim = t.wim().toString();
        for (List<String> opts : List.of(List.<String>of(), List.of("--header"), List.of("--blobs"))) {
            String what = "info " + String.join(" ", opts);
            l.add(DynamicTest.dynamicTest(what, () -> {
                List<String> args = new ArrayList<>(List.of("info"));
                args.addAll(opts);
                args.add(wim);
                if (Outputs.assertSameAsWimlib(t + ": " + what, Wimlib.run(args), Cli.run(args))) {
                    SAME_INFO.add(t.name());
                }
            }));
        }
        for (int image = 1; image <= t.images(); image++) {
            for (boolean detailed : new boolean[] {false, true}) {
                String what = "dir " + image + (detailed ? " --detailed" : "");
                int i = image;
                l.add(DynamicTest.dynamicTest(what, () -> {
                    List<String> args = new ArrayList<>(List.of("dir", wim, Integer.toString(i)));
                    if (detailed) {
                        args.add("--detailed");
                    }
                    args.addAll(t.refArgs());
                    if (Outputs.assertSameAsWimlib(t + ": " + what, Wimlib.run(args), Cli.run(args))) {
                        SAME_DIR.add(t.name() + "#" + i + (detailed ? " --detailed" : ""));
                    }
                }));
            }
        }
        l.add(DynamicTest.dynamicTest("dir --path", () -> pathOptions(t)));
        if (t.images() > 1) {
            l.add(DynamicTest.dynamicTest("dir all", () -> {
                List<String> args = new ArrayList<>(List.of("dir", wim, "all"));
                args.addAll(t.refArgs());
                Outputs.assertSameAsWimlib(t + ": dir all", Wimlib.run(args), Cli.run(args));
            }));
        }
        return l.stream();
    }

    /**
     * --path and --one-file-only as wimlib resolves them: from the first and the last file listed,
     * with and without a trailing '/', without the leading '/', and a path that does not exist.
     */
    private static void pathOptions(TestWims.Target t) {
        String wim = t.wim().toString();
        Cli.Result all = Cli.run("dir", wim, "1").skipIfCodecMissing();
        String[] paths = all.out().split("\n");
        List<String> starts = new ArrayList<>(List.of(paths[paths.length - 1], "/does/not/exist"));
        if (paths.length > 1) {
            starts.add(paths[1]);
            starts.add(paths[1] + "/");
            starts.add(paths[1].substring(1));
        }
        for (String p : starts) {
            for (List<String> extra : List.of(List.<String>of(), List.of("--one-file-only"))) {
                List<String> args = new ArrayList<>(List.of("dir", wim, "1", "--path", p));
                args.addAll(extra);
                args.addAll(t.refArgs());
                Outputs.assertSameAsWimlib(t + ": " + String.join(" ", args), Wimlib.run(args), Cli.run(args));
            }
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("[wimlib comparison] info output identical for " + SAME_INFO.size() + " WIMs; dir outputs"
                + " (plain and --detailed, per image) identical for " + SAME_DIR.size());
    }
}
