package org.finres.detection.internal.indicator;

/** The shapes of bulk indicator list analysts upload. */
public enum ListFormat {
    /** RFC 4180 CSV, {@code type,value[,label]}, or any column order under a header naming them. */
    CSV,
    /** One JSON object a line: {@code {"type":"domain","value":"evil.example","label":"..."}}. */
    JSON_LINES,
    /** One bare value a line, its type inferred from its shape. */
    VALUES
}
