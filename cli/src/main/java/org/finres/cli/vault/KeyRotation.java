package org.finres.cli.vault;

import org.finres.cli.ExitStatus;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.VaultRepository;

/** Adding a key file to an open repository: the escrow beside the passphrase. */
final class KeyRotation {

    private KeyRotation() {
    }

    /** Whether this engine can add a key file to a repository (checked before anything is made). */
    static boolean available() {
        return false;
    }

    static void add(VaultRepository repository, KeyWrapping wrapping) {
        // VaultRepository.addKey arrives with the engine's key rotation; until then a second key file cannot be made.
        throw new VaultFailed(ExitStatus.USAGE, "this engine cannot add a second key file yet (VaultRepository.addKey); "
                + "the " + wrapping.algorithm() + " escrow needs it", null);
    }
}
