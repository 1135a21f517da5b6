package org.finres.vault.engine;

import java.time.Instant;

/** A stored snapshot as listed by {@link VaultRepository#snapshots()}. */
public record Snapshot(SnapshotId id, SnapshotInfo info, Instant created, int files, long bytes, int chunks) {

    @Override
    public String toString() {
        return info + " (" + id.value().substring(0, 12) + ")";
    }
}
