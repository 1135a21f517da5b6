package org.finres.vault.engine;

import java.util.List;

/** What a prune removed: snapshots outside the policy, packs no snapshot needs, packs rewritten without dead blobs. */
public record PruneResult(List<Snapshot> removed, int packsDeleted, int packsRewritten, long bytesFreed) {

    public PruneResult {
        removed = List.copyOf(removed);
    }
}
