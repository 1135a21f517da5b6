package org.finres.events.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.finres.core.InvalidInputException;

/**
 * Where a page of search results ended: the last row's (event time, event id). Sent to clients as an opaque
 * string so that they page by it rather than by offsets, which would skip or repeat rows while events arrive.
 */
public record EventCursor(Instant eventTime, UUID eventId) {

    public EventCursor {
        if (eventTime == null || eventId == null) {
            throw new IllegalArgumentException("a cursor needs an event time and an event id");
        }
    }

    public String encode() {
        String plain = eventTime.getEpochSecond() + "." + eventTime.getNano() + "~" + eventId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this class produced; anything else is the caller's mistake, said as a 400. */
    public static EventCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int tilde = plain.indexOf('~');
            int dot = plain.indexOf('.');
            if (tilde < 0 || dot < 0 || dot > tilde) {
                throw new IllegalArgumentException("malformed");
            }
            Instant time = Instant.ofEpochSecond(Long.parseLong(plain.substring(0, dot)),
                    Long.parseLong(plain.substring(dot + 1, tilde)));
            return new EventCursor(time, UUID.fromString(plain.substring(tilde + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by a previous search");
        }
    }
}
