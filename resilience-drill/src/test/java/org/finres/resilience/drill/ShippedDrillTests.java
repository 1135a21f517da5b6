package org.finres.resilience.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.finres.resilience.drill.evidence.EntryKind;
import org.finres.resilience.drill.evidence.EvidenceVerification;
import org.finres.resilience.drill.evidence.TimelineEntry;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance drill: the shipped e-banking target runs as three child JVMs, the plan's command fault is a real
 * kill -9 of the primary process under a transfer workload, the standby takes over, and the signed evidence shows
 * the measured switchover and no acknowledged transfer lost.
 */
class ShippedDrillTests {

    @Test
    void primaryKilledStandbyTakesOverAndNoAcknowledgedTransferIsLost(@TempDir Path dir) {
        SigningKeyPair key = SigningKeyPair.generate(false);
        List<TimelineEntry> progress = new ArrayList<>();
        DrillEvidence evidence = ShippedDrill.run(dir, key, progress::add);

        DrillEvidence read = DrillEvidence.parse(evidence.toJson());
        assertThat(read.verify(key.publicKey())).isInstanceOf(EvidenceVerification.Valid.class);
        assertThat(progress).isEqualTo(read.timeline());
        assertThat(read.outcome()).as(String.join("\n", read.timeline().stream().map(TimelineEntry::detail)
                .toList())).isInstanceOf(DrillOutcome.Passed.class);
        assertThat(read.timeline()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EntryKind.FAULT);
            assertThat(e.detail()).startsWith("injected: command [sh, -c, kill -9");
        });
        assertThat(read.measured().detection()).isPositive();
        assertThat(read.measured().switchover()).isGreaterThan(read.measured().detection());
        assertThat(read.measured().recovery()).isGreaterThanOrEqualTo(read.measured().switchover());
        assertThat(read.measured().dataLoss()).isEqualTo(Duration.ZERO);
        assertThat(read.content().workload().acknowledged()).isPositive();
        assertThat(read.content().workload().lost()).isEmpty();
        assertThat(read.content().workload().found()).isEqualTo(read.content().workload().acknowledged());
        assertThat(read.content().institution()).isEqualTo("demo-bank");
        assertThat(read.content().services()).containsExactly("online-banking");
    }
}
