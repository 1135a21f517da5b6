package org.finres.events.search;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;

/**
 * A search as it arrives in a URL or a form, all text. {@code from} and {@code to} are ISO-8601 instants or
 * offset date-times, or local date-times (what a browser's datetime-local field sends) read in Taiwan time;
 * without them {@code range} (1h, 24h, 7d, 30d) counts back from now.
 */
public record SearchRequest(String from, String to, String range, String institution, String classUid,
                            String minSeverity, String text, String observable, String cursor, String limit) {

    /** The sector's time zone, in which the pages show times and read the form's local date-times. */
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Taipei");

    public EventQuery toQuery(Instant now) {
        Instant end = present(to) ? instant("to", to) : now;
        Instant start = present(from) ? instant("from", from) : end.minus(range(range));
        return new EventQuery(start, end, present(institution) ? institutionId(institution) : null,
                integer("class", classUid), integer("minSeverity", minSeverity), text, observable,
                present(cursor) ? EventCursor.decode(cursor.strip()) : null,
                present(limit) ? integer("limit", limit) : EventQuery.DEFAULT_LIMIT);
    }

    public static Duration range(String code) {
        if (!present(code)) {
            return Duration.ofHours(24);
        }
        return switch (code.strip()) {
            case "1h" -> Duration.ofHours(1);
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            case "30d" -> Duration.ofDays(30);
            default -> throw new InvalidInputException("range", "must be 1h, 24h, 7d or 30d");
        };
    }

    private static Instant instant(String field, String value) {
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeException notAnInstant) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeException notOffset) {
                try {
                    return LocalDateTime.parse(v).atZone(LOCAL_ZONE).toInstant();
                } catch (DateTimeException e) {
                    throw new InvalidInputException(field, "is not an ISO-8601 time ('"
                            + InvalidInputException.preview(v) + "')");
                }
            }
        }
    }

    private static Integer integer(String field, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a whole number ('" + InvalidInputException.preview(value) + "')");
        }
    }

    private static InstitutionId institutionId(String value) {
        return InstitutionId.of(value.strip());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
