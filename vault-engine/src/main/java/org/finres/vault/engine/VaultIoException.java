package org.finres.vault.engine;

import java.io.IOException;

/** The file system failed (full disk, permissions, the repository locked by another process). */
public final class VaultIoException extends VaultException {

    public VaultIoException(String message, IOException cause) {
        super(cause == null ? message : message + ": " + cause, cause);
    }
}
