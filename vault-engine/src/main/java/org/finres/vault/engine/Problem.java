package org.finres.vault.engine;

/**
 * One thing {@link VaultRepository#verify()} found wrong, named precisely enough to act on. Blobs, headers, index
 * files and manifests are authenticated with AES-GCM, which cannot tell damage from data written under another key;
 * the {@code detail} of such a problem says so.
 */
public sealed interface Problem {

    /** An index file names this pack, and it is not in {@code packs/}. */
    record MissingPack(PackId pack, int indexEntries) implements Problem {
    }

    /** The pack file ends before its trailer: it was cut short (or its last bytes were overwritten). */
    record TruncatedPack(PackId pack, long size, String detail) implements Problem {
    }

    /** The pack's trailer is there but its encrypted header does not authenticate or parse. */
    record DamagedPackHeader(PackId pack, String detail) implements Problem {
    }

    /** The blob at this offset does not authenticate, decompress, or hash to its id. */
    record DamagedBlob(PackId pack, long offset, ChunkId chunk, String detail) implements Problem {
    }

    /** An index entry names a pack that exists, but the pack's header holds no such blob at that offset. */
    record IndexEntryPointsNowhere(String indexFile, ChunkId chunk, PackId pack, long offset) implements Problem {
    }

    /** An index file does not authenticate or parse; its packs are recovered from their own headers. */
    record DamagedIndexFile(String indexFile, String detail) implements Problem {
    }

    /** A snapshot manifest does not authenticate or parse: the snapshot cannot be restored. */
    record DamagedManifest(String manifestFile, String detail) implements Problem {
    }

    /** A file of a snapshot needs a chunk that no index file and no pack header knows. */
    record MissingChunk(Snapshot snapshot, String path, ChunkId chunk) implements Problem {
    }

    /** A file of a snapshot needs chunks whose every stored copy is damaged or gone; the first one is named. */
    record DamagedFile(Snapshot snapshot, String path, ChunkId chunk, PackId pack, long offset, int badChunks)
            implements Problem {
    }

    /** The config file does not match its MAC (edited, or damaged). */
    record DamagedConfig(String detail) implements Problem {
    }

    /**
     * The manifest chain breaks at this link: it is missing, does not parse, sits under another sequence, does not
     * record its predecessor's hash or its manifest's, or is not signed by the pinned key. The first one is where
     * the tampering (or damage) starts.
     */
    record BrokenChainLink(long sequence, String detail) implements Problem {
    }

    /** A chain link locks this object until a date still to come, and it is gone: deleted behind the vault's back. */
    record MissingLockedObject(String object, long chainLink, java.time.Instant retainUntil) implements Problem {
    }

    /** The object is there, but the storage does not hold the lock the chain records for it. */
    record LockNotRecorded(String object, java.time.Instant retainUntil, String detail) implements Problem {
    }

    /** A manifest no chain link names: written behind the chain (or by a backup killed before its link). */
    record UnchainedManifest(String manifestFile) implements Problem {
    }

    default String describe() {
        return switch (this) {
            case MissingPack p -> "pack " + p.pack() + " is missing (" + p.indexEntries() + " index entries name it)";
            case TruncatedPack p -> "pack " + p.pack() + " is truncated at " + p.size() + " bytes: " + p.detail();
            case DamagedPackHeader p -> "pack " + p.pack() + " has a damaged header: " + p.detail();
            case DamagedBlob p -> "pack " + p.pack() + " offset " + p.offset() + " (chunk " + p.chunk().shortHex()
                    + ") is damaged: " + p.detail();
            case IndexEntryPointsNowhere p -> "index file " + p.indexFile() + " places chunk " + p.chunk().shortHex()
                    + " at pack " + p.pack() + " offset " + p.offset() + ", which holds no such blob";
            case DamagedIndexFile p -> "index file " + p.indexFile() + " is damaged: " + p.detail();
            case DamagedManifest p -> "snapshot manifest " + p.manifestFile() + " is damaged: " + p.detail();
            case MissingChunk p -> "snapshot " + p.snapshot() + " file " + p.path() + " needs chunk "
                    + p.chunk().shortHex() + ", which is stored nowhere";
            case DamagedFile p -> "snapshot " + p.snapshot() + " file " + p.path() + " has " + p.badChunks()
                    + " damaged chunk(s), first " + p.chunk().shortHex() + " at pack " + p.pack() + " offset "
                    + p.offset();
            case DamagedConfig p -> "config is damaged: " + p.detail();
            case BrokenChainLink p -> "chain link " + String.format("%08d", p.sequence()) + " is broken: " + p.detail();
            case MissingLockedObject p -> "locked object " + p.object() + " is missing (locked until " + p.retainUntil()
                    + " by chain link " + p.chainLink() + "): deleted behind the vault's back";
            case LockNotRecorded p -> "locked object " + p.object() + " (until " + p.retainUntil() + ") is not locked "
                    + "in the storage: " + p.detail();
            case UnchainedManifest p -> "snapshot manifest " + p.manifestFile() + " is named by no chain link";
        };
    }
}
