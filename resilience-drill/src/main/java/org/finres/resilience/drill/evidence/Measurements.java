package org.finres.resilience.drill.evidence;

import java.time.Duration;

/**
 * What the runner measured, each from the moment the fault was injected: {@code detection} to the first failing
 * probe, {@code switchover} to every probe passing again, {@code recovery} to probes and reconciliation both good;
 * {@code dataLoss} is the span of acknowledged transfers lost (zero when none). Null when never reached.
 */
public record Measurements(Duration detection, Duration switchover, Duration recovery, Duration dataLoss) {

    public static final Measurements NONE = new Measurements(null, null, null, null);

    public Measurements {
        EvidenceFields.nonNegative("measured detection", detection);
        EvidenceFields.nonNegative("measured switchover", switchover);
        EvidenceFields.nonNegative("measured recovery", recovery);
        EvidenceFields.nonNegative("measured dataLoss", dataLoss);
    }
}
