package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XML text as wimlib reads it: blanks around names kept, numbers with a trailing blank read as 0,
 * escaped characters, repeated LANGUAGE elements. wimlib-imagex writes the properties into a
 * copy of a test WIM; both programs must then print the same info.
 */
class XmlQuirksTest {
    @TempDir
    Path tmp;

    @Test
    void blanksAndEscapesAsWimlibReadsThem() throws IOException {
        Wimlib.assume();
        TestWims.Target t = TestWims.all().stream().filter(x -> x.images() == 1 && x.refs().isEmpty()).findFirst()
                .orElseThrow();
        Path copy = tmp.resolve("props.wim");
        Files.copy(t.wim(), copy);
        Cli.Result set = Wimlib.run(List.of("info", copy.toString(), "1", "  spaced name  ", "trailing blanks   ",
                "--image-property", "DIRCOUNT= 5", "--image-property", "WINDOWS/VERSION/BUILD=7 ",
                "--image-property", "DISPLAYNAME= x ", "--image-property", "WINDOWS/LANGUAGES/LANGUAGE=en-US",
                "--image-property", "WINDOWS/LANGUAGES/LANGUAGE[2]= de ", "--image-property", "FLAGS=a&b<c>"));
        assertEquals(0, set.rc(), set.toString());
        for (List<String> args : List.of(List.of("info", copy.toString()), List.of("info", copy.toString(), "1"),
                List.of("info", copy.toString(), "  spaced name  "))) {
            Outputs.assertSameAsWimlib(String.join(" ", args), Wimlib.run(args), Cli.run(args));
        }
        Cli.Result byTrimmedName = Cli.run("info", copy.toString(), "spaced name");
        assertEquals(2, byTrimmedName.rc(), "names match exactly, blanks included");
    }
}
