package org.finres.detection;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/** Published once when a new alert is stored (not when a suppressed repeat is merged into it). */
public record AlertRaised(long alertId, UUID uid, InstitutionId institution, AlertKind kind, String ruleKey,
                          String title, String level, Instant firstSeen) {
}
