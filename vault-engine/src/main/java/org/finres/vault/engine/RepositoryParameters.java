package org.finres.vault.engine;

import org.finres.vault.engine.chunk.ChunkerParameters;

/**
 * Fixed when a repository is made (stored in its config): chunk sizes, the size a pack is closed at, and the zstd
 * level. Changing the chunker later would stop deduplication against older snapshots, hence not a per-run option.
 */
public record RepositoryParameters(ChunkerParameters chunking, int packSize, int compressionLevel) {

    /** 16 MiB packs: few files for object storage, small enough to rewrite cheaply when prune repacks. */
    public static final RepositoryParameters DEFAULT = new RepositoryParameters(ChunkerParameters.DEFAULT, 16 << 20, 1);

    public RepositoryParameters {
        if (packSize < 4096 || packSize > 1 << 30) {
            throw new IllegalArgumentException("pack size must be 4 KiB to 1 GiB: " + packSize);
        }
        if (compressionLevel < 1 || compressionLevel > 19) {
            throw new IllegalArgumentException("zstd level must be 1 to 19: " + compressionLevel);
        }
    }
}
