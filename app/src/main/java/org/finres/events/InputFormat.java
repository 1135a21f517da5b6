package org.finres.events;

/** The wire formats the event plane recognises at its edge. */
public enum InputFormat {
    OCSF_JSON,
    ECS_JSON,
    WINDOWS_EVENT_JSON,
    CEF,
    LEEF,
    SYSLOG_RFC5424,
    SYSLOG_RFC3164,
    /** JSON we have no specific mapping for: decoded as Base Events with every field unmapped. */
    OTHER_JSON,
    /** A line of text in no known format: decoded as a Base Event carrying the text as its message. */
    PLAIN_TEXT,
    /** Nothing to decode: empty, or binary that is not text. */
    UNKNOWN
}
