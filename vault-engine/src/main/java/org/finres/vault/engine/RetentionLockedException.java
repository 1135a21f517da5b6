package org.finres.vault.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * A delete or overwrite was refused because the object is under a retention lock until {@link #retainUntil()}.
 * For a snapshot, {@link #snapshot()} names it; for a single object (a pack, a manifest) {@link #object()} does.
 */
public final class RetentionLockedException extends VaultException {

    private final transient SnapshotInfo snapshot;
    private final String object;
    private final Instant retainUntil;

    public RetentionLockedException(SnapshotInfo snapshot, String object, Instant retainUntil) {
        super((snapshot != null ? "snapshot " + snapshot + " (" + object + ")" : object)
                + " is retention-locked until " + retainUntil + "; it cannot be deleted or replaced before then", null);
        this.snapshot = snapshot;
        this.object = object;
        this.retainUntil = retainUntil;
    }

    public Optional<SnapshotInfo> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /** The locked object: a snapshot id, or a path such as {@code packs/<hex>}. */
    public String object() {
        return object;
    }

    public Instant retainUntil() {
        return retainUntil;
    }
}
