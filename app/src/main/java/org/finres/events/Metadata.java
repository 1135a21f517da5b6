package org.finres.events;

import java.util.List;

/**
 * OCSF {@code metadata}: who produced the event, in which format and schema version, for which tenant.
 *
 * @param version      the OCSF schema version the event follows (required by OCSF)
 * @param eventCode    the source's own event identifier (Windows EventID, CEF signature id)
 * @param logFormat    the wire format it came in, e.g. {@code CEF:0} or {@code RFC5424}
 * @param loggedTime   when the hub received it, epoch milliseconds
 * @param originalTime the source's timestamp text as it was written, kept because normalising may lose precision
 * @param tenantUid    the institution that sent the event
 */
public record Metadata(Product product, String version, String uid, String eventCode, String logName,
                       String logProvider, String logFormat, Long loggedTime, String originalTime, String tenantUid,
                       String correlationUid, List<String> labels) {

    /** The OCSF schema version our model is written from. */
    public static final String OCSF_VERSION = "1.9.0";

    public Metadata {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
