package org.finres.vault.engine;

/** What a backup stored: the new snapshot, and how much of it was new against what the repository already held. */
public record BackupResult(Snapshot snapshot, long bytesRead, long chunksNew, long chunksReused, long bytesStored,
        int packsWritten) {
}
