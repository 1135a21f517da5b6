package org.finres.vault.engine;

import java.util.List;

/**
 * What a prune removed: snapshots outside the policy, packs no snapshot needs, packs rewritten without dead blobs;
 * and what it left because of a retention lock: snapshots the policy would drop and packs it would delete or rewrite.
 */
public record PruneResult(List<Snapshot> removed, int packsDeleted, int packsRewritten, long bytesFreed,
        List<Snapshot> lockedSnapshots, int lockedPacks) {

    public PruneResult {
        removed = List.copyOf(removed);
        lockedSnapshots = List.copyOf(lockedSnapshots);
    }
}
