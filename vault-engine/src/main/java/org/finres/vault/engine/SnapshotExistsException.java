package org.finres.vault.engine;

/** A snapshot of this institution and business date is already stored; the repository keeps one per pair. */
public final class SnapshotExistsException extends VaultException {

    private final SnapshotInfo info;

    public SnapshotExistsException(SnapshotInfo info) {
        super("a snapshot of " + info + " already exists", null);
        this.info = info;
    }

    public SnapshotInfo info() {
        return info;
    }
}
