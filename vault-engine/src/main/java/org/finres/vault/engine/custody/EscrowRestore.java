package org.finres.vault.engine.custody;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.finres.vault.engine.OpenOptions;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import org.finres.vault.engine.storage.ObjectName;
import org.finres.vault.engine.storage.RepositoryStorage;
import org.finres.vault.engine.VaultIoException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.format.CorruptDataException;
import org.finres.vault.engine.format.RepositoryConfig;
import org.finres.vault.engine.format.UnsupportedVersionException;

/**
 * The restoring institution opens a repository with M released shares. {@code VaultRepository.open} reports only
 * that no key file unwrapped; this first tries the escrow key files itself so that a refusal names its reason
 * ({@link CustodyRefusedException}), then opens.
 */
public final class EscrowRestore {

    private EscrowRestore() {
    }

    /**
     * @throws CustodyRefusedException why the released shares do not open the repository
     * @throws VaultIoException when the repository's config or keys cannot be read
     */
    public static VaultRepository open(Path root, CustodianKeyPair restorer, List<ReleasedShare> released) {
        return open(new LocalDirectoryStorage(root), restorer, released);
    }

    /** As {@link #open(Path, CustodianKeyPair, List)}, for a repository in any storage (closed with it). */
    public static VaultRepository open(RepositoryStorage storage, CustodianKeyPair restorer,
            List<ReleasedShare> released) {
        String root = storage.location();
        EscrowKeyWrapping wrapping = EscrowKeyWrapping.forRestore(restorer, released);
        byte[] context;
        List<byte[]> files;
        try {
            context = RepositoryConfig.parse(new String(storage.get(ObjectName.CONFIG),
                    java.nio.charset.StandardCharsets.UTF_8)).repositoryIdBytes();
            files = EscrowKeyFile.wrappedFiles(storage);
        } catch (IOException | CorruptDataException | UnsupportedVersionException e) {
            throw new VaultIoException("cannot read the config and key files of " + root + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        if (files.isEmpty()) {
            throw new CustodyRefusedException(CustodyRefusedException.Reason.OTHER_KEY_FILE, root
                    + " has no escrow key file (" + EscrowKeyWrapping.ALGORITHM + ")");
        }
        CustodyRefusedException refusal = null;
        for (byte[] file : files) {
            try {
                byte[] key = wrapping.unwrap(file, context);
                Arrays.fill(key, (byte) 0);
                return VaultRepository.open(storage, wrapping, OpenOptions.defaults());
            } catch (CustodyRefusedException e) {
                // After a rotation several escrow files exist: report the refusal of the one the shares name.
                boolean named = !released.isEmpty() && Arrays.equals(released.getFirst().keyFileHash(),
                        CustodianPublicKey.sha256(file));
                if (refusal == null || named) {
                    refusal = e;
                }
            }
        }
        throw refusal;
    }
}
