package org.finres.vault.engine;

/**
 * Every failure the vault engine reports. Closed, so a caller (the hub, the CLI) can map each kind to its own
 * message or status without a catch-all.
 */
public sealed abstract class VaultException extends RuntimeException
        permits DamagedRepositoryException, WrongKeyException, UnsupportedRepositoryException, VaultIoException,
        SnapshotExistsException, RestoreFailedException, SignatureRefusedException,
        MalformedAttestationException, RetentionLockedException {

    VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
