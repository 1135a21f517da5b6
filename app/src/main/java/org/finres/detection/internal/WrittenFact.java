package org.finres.detection.internal;

import java.time.Instant;
import java.util.Map;

import org.finres.core.InstitutionId;

/** A detection fact as stored: what sector rules evaluate, and where a sector alert finds its members. */
public record WrittenFact(InstitutionId institution, Instant time, String view, Map<String, String> fields,
                          long alertId) {
}
