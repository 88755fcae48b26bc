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
        return l.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("[wimlib comparison] info output identical for " + SAME_INFO.size() + " WIMs; dir outputs"
                + " (plain and --detailed, per image) identical for " + SAME_DIR.size());
    }
}
