package org.finres.events;

/**
 * The one exception the event plane's edge throws for bad input, and only where no result value fits: a byte stream
 * whose framing is broken beyond recovery (a syslog octet count that is not a number, or exceeds the limit), after
 * which the stream has to be closed. Decoders never throw it; they answer {@link Decoding.Undecodable}.
 */
public class EventInputException extends RuntimeException {

    public EventInputException(String message) {
        super(message);
    }
}
