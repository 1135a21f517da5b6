package org.finres.resilience.drill.evidence;

import java.util.List;

/**
 * The workload run during the drill: transfers the service acknowledged, how many of them the reconciliation found
 * after the failover, and the ids of acknowledged transfers it did not find (lost). {@code found + lost.size()}
 * equals {@code acknowledged} after a reconciliation; it is less when the list of lost ids was cut at
 * {@value #MAX_LOST_LISTED}, and {@code found} is 0 with no ids when the drill was aborted before reconciling.
 */
public record WorkloadSummary(long acknowledged, long found, List<String> lost) {

    public static final int MAX_LOST_LISTED = 100_000;

    public WorkloadSummary {
        EvidenceFields.require(acknowledged >= 0, "workload acknowledged", "a count >= 0", acknowledged);
        EvidenceFields.require(found >= 0 && found <= acknowledged, "workload found", "a count from 0 to "
                + "acknowledged", found);
        EvidenceFields.require(lost != null && lost.size() <= MAX_LOST_LISTED, "workload lost",
                "a list of at most " + MAX_LOST_LISTED + " ids", lost == null ? null : lost.size());
        for (String id : lost) {
            EvidenceFields.require(id != null && EvidenceFields.NAME.matcher(id).matches(), "workload lost id",
                    "letters, digits and . _ : - (at most 100)", id);
        }
        EvidenceFields.require(found + lost.size() <= acknowledged, "workload found + lost", "at most acknowledged ("
                + acknowledged + ")", found + lost.size());
        lost = List.copyOf(lost);
    }
}
