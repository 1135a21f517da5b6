package org.finres.events;

import java.util.List;
import java.util.Objects;

/**
 * Detection Finding (2004): a security product's alert or detection, with what it saw as evidence.
 * {@code confidence_id} 1 Low, 2 Medium, 3 High.
 */
public record DetectionFinding(BaseAttributes base, FindingInfo findingInfo, List<Evidence> evidences,
                               List<Vulnerability> vulnerabilities, Boolean isAlert, Integer confidenceId)
        implements OcsfEvent {

    public static final int CREATE = 1;
    public static final int UPDATE = 2;
    public static final int CLOSE = 3;

    public DetectionFinding {
        Objects.requireNonNull(base, "base");
        evidences = evidences == null ? List.of() : List.copyOf(evidences);
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    }

    @Override
    public DetectionFinding withBase(BaseAttributes newBase) {
        return new DetectionFinding(newBase, findingInfo, evidences, vulnerabilities, isAlert, confidenceId);
    }
}
