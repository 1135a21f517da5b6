package org.finres.resilience.drill.plan;

import java.time.Duration;
import java.util.List;

/**
 * When the runner stops a drill early (and rolls back): the whole drill took longer than {@code maxDuration}; one
 * probe stayed down longer than {@code probeDownLongerThan} (null: no limit beyond the maximum duration); or a probe
 * named in {@code whenProbeFails} failed at all (a guard such as "the ledger balances").
 */
public record AbortConditions(Duration maxDuration, Duration probeDownLongerThan, List<String> whenProbeFails) {

    public AbortConditions {
        whenProbeFails = List.copyOf(whenProbeFails);
    }
}
