package org.finres.cli.vault;

import org.finres.cli.ExitStatus;
import org.finres.vault.engine.KeyInfo;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;

/** Adding and removing key files of an open repository: the escrow beside the passphrase, a new passphrase. */
final class KeyRotation {

    private KeyRotation() {
    }

    static KeyInfo add(VaultRepository repository, KeyWrapping wrapping) {
        try {
            return repository.addKey(wrapping);
        } catch (IllegalArgumentException e) {
            throw new VaultFailed(ExitStatus.KEY_REFUSED, "no key file added: " + e.getMessage(), e);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "no key file added");
        }
    }

    static void remove(VaultRepository repository, String id) {
        try {
            repository.removeKey(id);
        } catch (IllegalArgumentException e) {
            throw new VaultFailed(ExitStatus.USAGE, "no key file removed: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new VaultFailed(ExitStatus.KEY_REFUSED, "no key file removed: " + e.getMessage(), e);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "no key file removed");
        }
    }
}
