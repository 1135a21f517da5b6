package org.finres.events.search;

import java.time.Duration;
import java.time.Instant;

import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;

/**
 * A search over stored events. Every filter but the time range is optional; {@code institution} null means every
 * institution the caller may read.
 *
 * @param minSeverity lowest OCSF severity_id to include (0 unknown to 6 fatal)
 * @param text        a case-insensitive substring of the event's message, taken literally
 * @param observable  a value that must be among the event's observables (an IP address, a user name, a hash)
 */
public record EventQuery(Instant from, Instant to, InstitutionId institution, Integer classUid, Integer minSeverity,
                         String text, String observable, EventCursor cursor, int limit) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;
    /** A bound on what one histogram or search may span, so that one request cannot scan years of partitions. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);

    public EventQuery {
        if (from == null || to == null) {
            throw new InvalidInputException("from", "and to are required");
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("to", "may be at most 366 days after from");
        }
        if (minSeverity != null && (minSeverity < 0 || minSeverity > 99)) {
            throw new InvalidInputException("minSeverity", "must be an OCSF severity_id from 0 to 6 (or 99 other)");
        }
        if (classUid != null && classUid < 0) {
            throw new InvalidInputException("class", "must be an OCSF class_uid");
        }
        text = blankToNull(text, "text");
        observable = blankToNull(observable, "observable");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The last 24 hours up to now, no filters, the default page size. */
    public static EventQuery lastDay(Instant now) {
        return new EventQuery(now.minus(Duration.ofDays(1)), now, null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public EventQuery withInstitution(InstitutionId value) {
        return new EventQuery(from, to, value, classUid, minSeverity, text, observable, cursor, limit);
    }

    public EventQuery after(EventCursor next) {
        return new EventQuery(from, to, institution, classUid, minSeverity, text, observable, next, limit);
    }

    private static String blankToNull(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 512) {
            throw new InvalidInputException(field, "may be at most 512 characters");
        }
        return value.strip();
    }
}
