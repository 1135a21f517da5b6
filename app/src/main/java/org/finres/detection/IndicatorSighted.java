package org.finres.detection;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/** An indicator seen in an institution's event: the intelligence module records it as a STIX sighting. */
public record IndicatorSighted(long sightingId, long indicatorId, String indicatorType, String indicatorValue,
                               InstitutionId institution, UUID eventId, Instant eventTime, String observed) {
}
