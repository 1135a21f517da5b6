package org.finres.vault.engine;

/** The folder is not a vault repository, or one of a format version or algorithm this engine does not implement. */
public final class UnsupportedRepositoryException extends VaultException {

    public UnsupportedRepositoryException(String message) {
        super(message, null);
    }
}
