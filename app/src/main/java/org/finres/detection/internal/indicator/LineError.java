package org.finres.detection.internal.indicator;

import java.util.Objects;

/** Why the record starting on {@code line} (counted from 1) of a bulk list was not taken. */
public record LineError(int line, String reason) {

    public LineError {
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
    }

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
