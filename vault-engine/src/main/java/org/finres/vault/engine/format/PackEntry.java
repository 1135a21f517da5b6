package org.finres.vault.engine.format;

import org.finres.vault.engine.ChunkId;

/** One blob of a pack: the chunk it holds and where its sealed bytes are. */
public record PackEntry(ChunkId chunk, int offset, int length) {

    public PackEntry {
        if (offset < 0 || length < RepositoryKeys.OVERHEAD + 1) {
            throw new CorruptDataException("blob at " + offset + " of " + length + " bytes is impossible");
        }
    }
}
