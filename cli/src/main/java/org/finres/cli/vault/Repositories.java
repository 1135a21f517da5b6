package org.finres.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.EscrowRestore;
import org.finres.vault.engine.custody.ReleasedShare;

/** Opening repositories with the engine's failures turned into messages and exit codes, and what the CLI reads beside. */
final class Repositories {

    private Repositories() {
    }

    static VaultRepository open(Path root, KeyWrapping wrapping) {
        requireRepository(root);
        try {
            return VaultRepository.open(root, wrapping);
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
        String text;
        try {
            text = Files.readString(root.resolve("config"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VaultFailed.storage("cannot read the config of repository " + root, e);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("repository-id=")) {
                return line.substring("repository-id=".length()).strip();
            }
        }
        throw VaultFailed.of(new org.finres.vault.engine.UnsupportedRepositoryException(root
                + "/config has no repository-id line"), "cannot read repository " + root);
    }

    /** SHA-256 of the snapshot's manifest as stored: what an attestation commits to. */
    static String manifestSha256(Path root, Snapshot snapshot) {
        try {
            byte[] manifest = Files.readAllBytes(root.resolve("snapshots").resolve(snapshot.id().value()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
        } catch (IOException e) {
            throw VaultFailed.storage("cannot read the manifest of " + snapshot, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
