package org.finres.resilience.drill.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.finres.vault.engine.signing.SigningKeyPair;

/** A small, realistic piece of signed evidence for the format tests. */
final class SampleEvidence {

    static final SigningKeyPair KEY = SigningKeyPair.generate(false);

    private SampleEvidence() {
    }

    static DrillEvidence signed() {
        return DrillEvidence.sign(content(new DrillOutcome.Passed()), KEY);
    }

    static EvidenceContent content(DrillOutcome outcome) {
        Instant start = Instant.parse("2026-12-02T15:00:00.125Z");
        Timeline t = new Timeline(Clock.fixed(start, ZoneOffset.UTC));
        t.append(EntryKind.PHASE, "steady-state check");
        t.append(EntryKind.PROBE, "front-health up: HTTP 200 in 12 ms");
        t.append(EntryKind.FAULT, "command [kill, -9, 4242] exited 0");
        t.append(EntryKind.PROBE, "front-health down: HTTP 503");
        t.append(EntryKind.PROBE, "front-health up: HTTP 200 in 9 ms");
        t.append(EntryKind.WORKLOAD, "acknowledged 120, found 120, lost 0");
        return new EvidenceContent("e-banking failover", "ab".repeat(32), "demo-bank", List.of("e-banking"),
                new Tolerances(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ZERO), start,
                start.plusSeconds(20), t.entries(), List.of(new ProbeSummary("front-health", 80, 12)),
                new Measurements(Duration.ofMillis(350), Duration.ofMillis(2_800), Duration.ofMillis(3_100),
                        Duration.ZERO), outcome, new WorkloadSummary(120, 120, List.of()));
    }
}
