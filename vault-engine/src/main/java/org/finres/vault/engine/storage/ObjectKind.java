package org.finres.vault.engine.storage;

/**
 * The kinds of object a repository holds, each under its own folder (or key prefix). {@link #CONFIG} is the single
 * object {@code config} at the top.
 */
public enum ObjectKind {
    CONFIG(""),
    KEY("keys"),
    PACK("packs"),
    INDEX("index"),
    MANIFEST("snapshots"),
    CHAIN("chain");

    private final String folder;

    ObjectKind(String folder) {
        this.folder = folder;
    }

    /** The folder (local) or key prefix (S3) below the repository root; empty for the config. */
    public String folder() {
        return folder;
    }
}
