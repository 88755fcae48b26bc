package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/** Assertions on command outputs. */
final class Outputs {
    private Outputs() {
    }

    /**
     * jwim printed exactly what wimlib printed (byte for byte) and succeeded, or both refused
     * (jwim with its one-line error).
     *
     * @return whether there was output to compare (false when both refused)
     */
    static boolean assertSameAsWimlib(String what, Cli.Result wimlib, Cli.Result jwim) {
        jwim.skipIfCodecMissing();
        if (wimlib.rc() != 0) {
            assertNotEquals(0, jwim.rc(), what + ": wimlib refused (" + wimlib.err().strip() + ") but jwim did not:\n" + jwim);
            assertOneErrorLine(jwim);
            return false;
        }
        assertEquals(0, jwim.rc(), what + ": jwim failed where wimlib did not:\n" + jwim);
        if (!Arrays.equals(wimlib.outBytes(), jwim.outBytes())) {
            fail(what + ": output differs from wimlib's: " + firstDifference(wimlib.out(), jwim.out()));
        }
        return true;
    }

    /** stderr is a single "jwim: error: ..." line (possibly after warnings), no stack trace. */
    static void assertOneErrorLine(Cli.Result r) {
        String[] lines = r.err().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("jwim: error: "), "no error line:\n" + r);
        for (String l : lines) {
            assertTrue(l.startsWith("jwim: "), "stderr has more than messages (a stack trace?):\n" + r);
        }
    }

    /** The first line where two texts differ, with both versions. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String x = i < e.length ? e[i] : "<end of output>";
            String y = i < a.length ? a[i] : "<end of output>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + "\n  wimlib: " + x + "\n  jwim:   " + y;
            }
        }
        return "(same lines, different bytes)";
    }
}
