package org.finres.events.internal.decode;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the timestamps sources write: epoch seconds or milliseconds, ISO 8601 with or without offset, syslog's
 * {@code Mmm dd hh:mm:ss} with or without year, and {@code yyyy/MM/dd HH:mm:ss}, each optionally followed by an offset
 * or zone name. Local times without a zone are in the context's source zone; a missing year is the one that puts the
 * time closest before the reference (the receive time), as RFC 3164 receivers do around New Year.
 */
final class SourceTimes {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static final List<DateTimeFormatter> FORMATS = List.of(
            withZone(new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendValue(ChronoField.YEAR, 4).appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
                    .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2)
                    .optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()),
            withZone(new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendValue(ChronoField.YEAR, 4).appendLiteral('/').appendValue(ChronoField.MONTH_OF_YEAR, 1, 2,
                            java.time.format.SignStyle.NOT_NEGATIVE)
                    .appendLiteral('/').appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                    .appendLiteral(' ')),
            withZone(new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral(' ')
                    .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                    .appendLiteral(' ')
                    .optionalStart().appendValue(ChronoField.YEAR, 4).appendLiteral(' ').optionalEnd()),
            withZone(new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                    .appendLiteral(' ').appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral(' ')
                    .appendValue(ChronoField.YEAR, 4).appendLiteral(' ')));

    private SourceTimes() {
    }

    /** Epoch milliseconds of a source timestamp, if it is one we can read. */
    static Optional<Long> parse(String text, ZoneId zone, java.time.Instant reference) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip().replaceAll("\\s+", " ");
        if (value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return epoch(value);
        }
        if (value.matches("\\d{9,11}\\.\\d{1,9}")) {
            int dot = value.indexOf('.');
            String fraction = (value.substring(dot + 1) + "000").substring(0, 3);
            return epoch(value.substring(0, dot)).map(seconds -> seconds + Long.parseLong(fraction));
        }
        for (DateTimeFormatter format : FORMATS) {
            ParsePosition position = new ParsePosition(0);
            TemporalAccessor parsed;
            try {
                parsed = format.parseUnresolved(value, position);
            } catch (RuntimeException e) {
                continue;
            }
            if (parsed == null || position.getErrorIndex() >= 0 || position.getIndex() != value.length()) {
                continue;
            }
            Optional<Long> resolved = resolve(parsed, zone, reference);
            if (resolved.isPresent()) {
                return resolved;
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> epoch(String digits) {
        if (digits.length() > 15) {
            return Optional.empty();
        }
        long number = Long.parseLong(digits);
        // Ten digits are seconds until the year 2286; thirteen are milliseconds.
        return Optional.of(digits.length() <= 11 ? number * 1000 : number);
    }

    private static Optional<Long> resolve(TemporalAccessor parsed, ZoneId sourceZone, Instant reference) {
        try {
            int month = (int) parsed.getLong(ChronoField.MONTH_OF_YEAR);
            int day = (int) parsed.getLong(ChronoField.DAY_OF_MONTH);
            int hour = (int) parsed.getLong(ChronoField.HOUR_OF_DAY);
            int minute = (int) parsed.getLong(ChronoField.MINUTE_OF_HOUR);
            int second = parsed.isSupported(ChronoField.SECOND_OF_MINUTE)
                    ? (int) parsed.getLong(ChronoField.SECOND_OF_MINUTE) : 0;
            int nano = parsed.isSupported(ChronoField.NANO_OF_SECOND)
                    ? (int) parsed.getLong(ChronoField.NANO_OF_SECOND) : 0;
            ZoneId zone = sourceZone;
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                zone = ZoneOffset.ofTotalSeconds((int) parsed.getLong(ChronoField.OFFSET_SECONDS));
            } else if (parsed.query(TemporalQueries.zoneId()) != null) {
                zone = parsed.query(TemporalQueries.zoneId());
            }
            if (parsed.isSupported(ChronoField.YEAR)) {
                int year = (int) parsed.getLong(ChronoField.YEAR);
                return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second, nano)
                        .atZone(zone).toInstant().toEpochMilli());
            }
            int year = reference.atZone(zone).getYear();
            ZonedDateTime candidate = LocalDateTime.of(year, month, day, hour, minute, second, nano).atZone(zone);
            if (candidate.toInstant().isAfter(reference.plus(31, ChronoUnit.DAYS))) {
                candidate = candidate.minusYears(1);
            } else if (candidate.toInstant().isBefore(reference.minus(335, ChronoUnit.DAYS))) {
                candidate = candidate.plusYears(1);
            }
            return Optional.of(candidate.toInstant().toEpochMilli());
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Time of day with optional seconds and fraction, then an optional offset, {@code Z} or zone name. */
    private static DateTimeFormatter withZone(DateTimeFormatterBuilder date) {
        return date
                .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
                .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
                .optionalStart().appendOffset("+HH", "Z").optionalEnd()
                .optionalStart().appendZoneRegionId().optionalEnd()
                // Sector devices that print a zone abbreviation mean Taiwan's CST, not US Central; say so once here.
                .optionalStart().appendZoneText(TextStyle.SHORT, Set.of(TAIPEI)).optionalEnd()
                .toFormatter(Locale.ENGLISH);
    }
}
