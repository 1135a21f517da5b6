package org.finres.stix.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * A STIX timestamp: RFC 3339 in UTC with a literal {@code Z} and optional fractional seconds. The text is kept
 * because precision is meaningful (created/modified must show milliseconds) and an instant cannot say how many
 * digits were written.
 */
public record StixTimestamp(String text, Instant instant) implements Comparable<StixTimestamp> {

    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9})\\d*)?Z");

    public StixTimestamp {
        if (text == null || instant == null) throw new IllegalArgumentException("timestamp text and instant are required");
    }

    /** Parses {@code text}, or returns null when it is not a valid STIX timestamp. */
    public static StixTimestamp parseOrNull(String text) {
        if (text == null) return null;
        var m = SHAPE.matcher(text);
        if (!m.matches()) return null;
        try {
            int second = Integer.parseInt(m.group(6));
            // RFC 3339 allows a leap second; java.time does not, so it is read as the last nano of the minute.
            boolean leap = second == 60;
            String frac = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    leap ? 59 : second, leap ? 999_999_999 : Integer.parseInt(frac));
            return new StixTimestamp(text, t.toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    public static StixTimestamp parse(String text) {
        StixTimestamp t = parseOrNull(text);
        if (t == null) throw new IllegalArgumentException("not a STIX timestamp (RFC 3339 with Z): " + text);
        return t;
    }

    /** The timestamp as STIX writes object times: UTC with exactly three fractional digits. */
    public static StixTimestamp ofMillis(Instant instant) {
        Instant ms = Instant.ofEpochMilli(instant.toEpochMilli());
        String s = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC).format(ms);
        return new StixTimestamp(s, ms);
    }

    /** Number of fractional-second digits written (0 when none). */
    public int fractionDigits() {
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : text.length() - dot - 2;
    }

    @Override
    public int compareTo(StixTimestamp o) {
        return instant.compareTo(o.instant);
    }

    @Override
    public String toString() {
        return text;
    }
}
