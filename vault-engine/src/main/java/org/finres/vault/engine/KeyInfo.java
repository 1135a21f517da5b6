package org.finres.vault.engine;

/**
 * One key file of a repository: the data key wrapped by one {@link KeyWrapping} (a key-encryption key, a custodian
 * escrow). Every key file wraps the same data key, so adding or removing one never touches the data.
 *
 * @param id the key file's name under {@code keys/}: 16 lowercase hex digits
 * @param algorithm the {@link KeyWrapping#algorithm()} that made it
 * @param openedWith whether the repository instance that listed it was opened through this key file
 */
public record KeyInfo(String id, String algorithm, boolean openedWith) {

    public KeyInfo {
        if (id == null || !id.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a key file id is 16 lowercase hex digits, not " + id);
        }
        if (algorithm == null || algorithm.isEmpty()) {
            throw new IllegalArgumentException("a key file names its wrapping algorithm");
        }
    }
}
