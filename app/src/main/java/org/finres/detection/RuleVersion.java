package org.finres.detection;

import java.time.Instant;

/** One stored version of a catalogue document: its YAML exactly as uploaded. */
public record RuleVersion(int version, String yaml, String sha256, Instant uploadedAt, String uploadedBy) {
}
