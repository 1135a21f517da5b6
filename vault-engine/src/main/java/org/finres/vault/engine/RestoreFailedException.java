package org.finres.vault.engine;

/**
 * A restore did not complete; nothing of it was renamed into place. Names the snapshot, the file, and where known
 * the chunk, pack and offset that failed.
 */
public final class RestoreFailedException extends VaultException {

    private final transient Snapshot snapshot;
    private final String path;
    private final transient ChunkId chunk;
    private final transient PackId pack;
    private final long offset;

    public RestoreFailedException(Snapshot snapshot, String path, ChunkId chunk, PackId pack, long offset,
            String reason, Throwable cause) {
        super(message(snapshot, path, chunk, pack, offset, reason), cause);
        this.snapshot = snapshot;
        this.path = path;
        this.chunk = chunk;
        this.pack = pack;
        this.offset = offset;
    }

    private static String message(Snapshot snapshot, String path, ChunkId chunk, PackId pack, long offset,
            String reason) {
        StringBuilder m = new StringBuilder("restore of snapshot ").append(snapshot).append(" failed");
        if (path != null) {
            m.append(" at file ").append(path);
        }
        if (chunk != null) {
            m.append(", chunk ").append(chunk.shortHex());
        }
        if (pack != null) {
            m.append(", pack ").append(pack.hex()).append(" offset ").append(offset);
        }
        return m.append(": ").append(reason).toString();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The file (relative, '/'-separated), or null when the failure is not about one file. */
    public String path() {
        return path;
    }

    public ChunkId chunk() {
        return chunk;
    }

    public PackId pack() {
        return pack;
    }

    /** Offset of the blob in the pack, or -1. */
    public long offset() {
        return offset;
    }
}
