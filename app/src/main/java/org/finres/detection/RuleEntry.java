package org.finres.detection;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * One document of the rule catalogue (a detection rule, a correlation or a filter) in its current version, with
 * how the running engine took it: {@code loaded}, {@code inactive} (no event source the pipelines know can reach
 * it), {@code failed}, {@code unsupported} or {@code disabled}; {@code problem} says why when it is not loaded.
 */
public record RuleEntry(UUID id, String key, RuleScope scope, InstitutionId institution, String documentType,
                        String title, String level, boolean enabled, int version, String origin, Instant updatedAt,
                        String updatedBy, String status, String problem) {
}
