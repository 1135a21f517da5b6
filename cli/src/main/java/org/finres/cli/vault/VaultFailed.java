package org.finres.cli.vault;

import java.io.IOException;

import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;
import org.finres.vault.engine.DamagedRepositoryException;
import org.finres.vault.engine.MalformedAttestationException;
import org.finres.vault.engine.RestoreFailedException;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.SnapshotExistsException;
import org.finres.vault.engine.UnsupportedRepositoryException;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultIoException;
import org.finres.vault.engine.WrongKeyException;

/** A vault command failed for a reason the user can act on; the exit status tells a script which kind. */
final class VaultFailed extends CommandFailed {

    private final ExitStatus status;

    VaultFailed(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    @Override
    public ExitStatus exitStatus() {
        return status;
    }

    static VaultFailed storage(String message, IOException cause) {
        return new VaultFailed(ExitStatus.STORAGE, message + (cause == null ? "" : ": " + describe(cause)), cause);
    }

    static VaultFailed invalidData(String message) {
        return new VaultFailed(ExitStatus.INVALID_DATA, message, null);
    }

    static VaultFailed keyRefused(String message, Throwable cause) {
        return new VaultFailed(ExitStatus.KEY_REFUSED, message, cause);
    }

    /**
     * The engine's failure as an exit status. An if-chain rather than a switch over the sealed hierarchy on purpose:
     * the engine gains kinds (retention locks) and a kind this CLI does not know yet must still map to a status.
     */
    static VaultFailed of(VaultException e, String doing) {
        String message = doing + ": " + e.getMessage();
        ExitStatus status;
        if (e instanceof DamagedRepositoryException) {
            status = ExitStatus.DAMAGED;
        } else if (e instanceof RestoreFailedException r) {
            status = r.getCause() instanceof IOException || r.getCause() instanceof VaultIoException
                    ? ExitStatus.STORAGE : ExitStatus.DAMAGED;
        } else if (e instanceof WrongKeyException || e instanceof SignatureRefusedException) {
            status = ExitStatus.KEY_REFUSED;
        } else if (e instanceof SnapshotExistsException) {
            status = ExitStatus.SNAPSHOT_EXISTS;
        } else if (e instanceof MalformedAttestationException) {
            status = ExitStatus.INVALID_DATA;
        } else if (e instanceof UnsupportedRepositoryException || e instanceof VaultIoException) {
            status = ExitStatus.STORAGE;
        } else {
            status = ExitStatus.STORAGE;
        }
        return new VaultFailed(status, message, e);
    }

    /** An I/O exception's message with its kind when the message alone is only a path (NoSuchFileException). */
    static String describe(IOException e) {
        String kind = switch (e.getClass().getSimpleName()) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            case "FileAlreadyExistsException" -> "already exists";
            case "NotDirectoryException" -> "not a folder";
            case "DirectoryNotEmptyException" -> "folder not empty";
            default -> null;
        };
        return kind == null ? String.valueOf(e.getMessage()) : kind + " (" + e.getMessage() + ")";
    }
}
