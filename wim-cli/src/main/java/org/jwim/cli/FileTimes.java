package org.jwim.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Windows FILETIMEs (unsigned 100 ns ticks since 1601-01-01 UTC) as text: wimlib-imagex's
 * {@code "%a %b %d %H:%M:%S %Y UTC"} and ISO-8601.
 */
final class FileTimes {
    private static final long TICKS_PER_SECOND = 10_000_000L;
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DISTANCE = 11_644_473_600L;
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private FileTimes() {
    }

    /** Seconds since the UNIX epoch, computed as wimlib does (the tick count is unsigned). */
    static long unixSeconds(long fileTime) {
        return Long.divideUnsigned(fileTime, TICKS_PER_SECOND) - EPOCH_DISTANCE;
    }

    /** As wimlib prints times: "Sun Jan 06 05:45:34 2013 UTC" (English names, any locale). */
    static String wimlibText(long fileTime) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(unixSeconds(fileTime), 0, ZoneOffset.UTC);
        return DAYS[t.getDayOfWeek().getValue() - 1] + ' ' + MONTHS[t.getMonthValue() - 1] + ' '
                + two(t.getDayOfMonth()) + ' ' + two(t.getHour()) + ':' + two(t.getMinute()) + ':' + two(t.getSecond())
                + ' ' + t.getYear() + " UTC";
    }

    /** ISO-8601 in UTC with the full 100 ns precision ("2013-01-06T05:45:34.1234567Z"). */
    static String iso(long fileTime) {
        long nanos = Long.remainderUnsigned(fileTime, TICKS_PER_SECOND) * 100;
        return Instant.ofEpochSecond(unixSeconds(fileTime), nanos).toString();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
