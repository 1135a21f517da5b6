package org.finres.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.OpenOptions;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.EscrowRestore;
import org.finres.vault.engine.custody.ReleasedShare;
import org.finres.vault.engine.storage.LocalDirectoryStorage;

/** Opening repositories with the engine's failures turned into messages and exit codes, and what the CLI reads beside. */
final class Repositories {

    private Repositories() {
    }

    static VaultRepository open(Path root, KeyWrapping wrapping) {
        return open(root, wrapping, OpenOptions.defaults());
    }

    static VaultRepository open(Path root, KeyWrapping wrapping, OpenOptions options) {
        requireRepository(root);
        try {
            return VaultRepository.open(new LocalDirectoryStorage(root), wrapping, options);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "cannot open repository " + root);
        }
    }

    static VaultRepository openAsRestorer(Path root, CustodianKeyPair restorer, List<ReleasedShare> shares) {
        requireRepository(root);
        try {
            return EscrowRestore.open(root, restorer, shares);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "cannot open repository " + root + " as restorer");
        }
    }

    private static void requireRepository(Path root) {
        if (!Files.isDirectory(root)) {
            throw VaultFailed.storage("no repository at " + root + " (no such folder; 'finres vault init' makes one)",
                    null);
        }
    }

    /** The repository id of the plaintext config (32 hex digits), as attestations and the hub name a repository. */
    static String repositoryId(Path root) {
        return configValue(root, "repository-id").orElseThrow(() -> VaultFailed.of(
                new org.finres.vault.engine.UnsupportedRepositoryException(root + "/config has no repository-id line"),
                "cannot read repository " + root));
    }

    /** Whether the config pins a manifest-chain signing key (backups then need its private key). */
    static boolean pinsSigningKey(Path root) {
        return configValue(root, "signing-key").filter(v -> !v.equals("none")).isPresent();
    }

    /** A line of the plaintext config; its MAC is checked when the repository is opened, not here. */
    private static java.util.Optional<String> configValue(Path root, String key) {
        String text;
        try {
            text = Files.readString(root.resolve("config"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VaultFailed.storage("cannot read the config of repository " + root, e);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key + "=")) {
                return java.util.Optional.of(line.substring(key.length() + 1).strip());
            }
        }
        return java.util.Optional.empty();
    }
}
