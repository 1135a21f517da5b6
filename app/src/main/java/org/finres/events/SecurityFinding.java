package org.finres.events;

import java.util.List;
import java.util.Objects;

/**
 * Security Finding (2001), deprecated in OCSF since 1.1 but still produced by older tools; {@code state_id} 1 New, 2
 * In Progress, 3 Suppressed, 4 Resolved.
 */
public record SecurityFinding(BaseAttributes base, Finding finding, Integer stateId, List<Vulnerability> vulnerabilities)
        implements OcsfEvent {

    public SecurityFinding {
        Objects.requireNonNull(base, "base");
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    }

    @Override
    public SecurityFinding withBase(BaseAttributes newBase) {
        return new SecurityFinding(newBase, finding, stateId, vulnerabilities);
    }
}
