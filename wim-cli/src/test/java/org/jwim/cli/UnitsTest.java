package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces: time text, XML numbers, --ref globs. */
class UnitsTest {
    @TempDir
    Path tmp;

    @Test
    void timesAsWimlibPrintsThem() {
        assertEquals("Mon Jan 01 00:00:00 1601 UTC", FileTimes.wimlibText(0));
        // 2013-01-06 05:45:34 UTC, from a Microsoft WIM's XML (0x01CDEBD7 / 0x...)
        long t = (11_644_473_600L + 1_357_451_134L) * 10_000_000L + 1234567;
        assertEquals("Sun Jan 06 05:45:34 2013 UTC", FileTimes.wimlibText(t));
        assertEquals("2013-01-06T05:45:34.123456700Z", FileTimes.iso(t));
        // Unsigned: the largest FILETIME is in the year 60056.
        assertEquals("Sun May 28 05:36:10 60056 UTC", FileTimes.wimlibText(-1L));
        assertEquals("1970-01-01T00:00:00Z", FileTimes.iso(116_444_736_000_000_000L));
    }

    @Test
    void numbersAsStrtoull() {
        assertEquals(42, XmlValues.parse("42", 10));
        assertEquals(42, XmlValues.parse("  +42", 10));
        assertEquals(0, XmlValues.parse("42 ", 10), "trailing characters make it 0");
        assertEquals(0, XmlValues.parse("", 10));
        assertEquals(0, XmlValues.parse(null, 10));
        assertEquals(-5L, XmlValues.parse("-5", 10), "a minus wraps modulo 2^64");
        assertEquals(0, XmlValues.parse("-1", 10), "ULLONG_MAX is the overflow sentinel");
        assertEquals(0, XmlValues.parse("99999999999999999999", 10), "overflow");
        assertEquals(0x01CDEBD7L, XmlValues.parse("0x01CDEBD7", 16));
        assertEquals(0x01CDEBD7L, XmlValues.parse("01cdebd7", 16));
        assertEquals(0, XmlValues.parse("0x", 16));
        assertEquals(0, XmlValues.parse("١٢", 10), "only ASCII digits");
    }

    @Test
    void refGlobs() throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        for (String n : List.of("d/a.swm", "d/b.swm", "d/c.wim", "d/.hidden.swm")) {
            Files.writeString(tmp.resolve(n), "x");
        }
        assertEquals(List.of(tmp.resolve("d/a.swm"), tmp.resolve("d/b.swm")), RefGlobs.expand(tmp + "/d/*.swm"));
        assertEquals(List.of(tmp.resolve("d/a.swm"), tmp.resolve("d/b.swm")), RefGlobs.expand(tmp + "/*/?.swm"));
        assertEquals(List.of(tmp.resolve("d/c.wim")), RefGlobs.expand(tmp + "/d/c.wim"));
        assertEquals(List.of(), RefGlobs.expand(tmp + "/d/*.esd"));
        CliException e = assertThrows(CliException.class, () -> RefGlobs.expand(List.of(tmp + "/d/*.esd")));
        assertEquals(CliException.FAILURE, e.exitCode());
        assertEquals(List.of(tmp.resolve("d/a.swm"), tmp.resolve("d/b.swm")),
                RefGlobs.expand(List.of(tmp + "/d/*.swm", tmp + "/d/a.swm")), "no repeats");
    }
}
