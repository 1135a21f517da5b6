package org.finres.intel.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** TAXII timestamps as the server writes them: UTC, RFC 3339, always six fractional digits (microseconds). */
public final class TaxiiTime {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TaxiiTime() {
    }

    public static String format(Instant instant) {
        return MICROS.format(instant);
    }
}
