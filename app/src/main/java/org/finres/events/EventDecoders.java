package org.finres.events;

import org.finres.events.internal.decode.AutoDecoder;

/** The decoders at the event plane's edge, by format, and one that sniffs the format itself. */
public final class EventDecoders {

    private static final AutoDecoder AUTOMATIC = new AutoDecoder();

    private EventDecoders() {
    }

    /** Sniffs each input's format (see {@link FormatSniffer}) and decodes it accordingly. */
    public static EventDecoder automatic() {
        return AUTOMATIC;
    }

    public static EventDecoder forFormat(InputFormat format) {
        return AUTOMATIC.forFormat(format);
    }
}
