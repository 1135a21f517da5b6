package org.finres.cli.vault;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.Immutability;
import org.finres.vault.engine.OpenOptions;
import org.finres.vault.engine.RepositoryParameters;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.chunk.ChunkerParameters;
import org.finres.vault.engine.custody.Custodian;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init",
        description = {"Make a new, empty repository in an empty or absent folder.",
                "The data key is wrapped under the repository passphrase (Argon2id) and, with --custodian or "
                        + "--custody-from-hub, also split M-of-N (Shamir) among the named custodians, each share "
                        + "sealed to its custodian's X25519 + ML-KEM-768 key: a restore by the restoring institution "
                        + "then needs M released shares. Chunk sizes, pack size and zstd level are fixed here for "
                        + "the repository's life (changing the chunker would stop deduplication).",
                "Exit codes: 0 made, 1 usage, 2/3 hub refused/unreachable (--custody-from-hub), 7 folder not empty "
                        + "or not writable."})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    HubConnection hub;

    @Mixin
    EscrowOptions escrowOptions;

    @Option(names = "--retention-lock", paramLabel = "PERIOD",
            description = "Lock every snapshot (its manifest and packs) for this ISO-8601 period from its backup, "
                    + "e.g. P7Y or P90D: nothing of it can be deleted or replaced before then, by anyone.")
    java.time.Period retentionLock;

    @Option(names = "--pin-signing-key", paramLabel = "FILE",
            description = "Pin this signing key (a .pub or private key file) in the config: every manifest-chain link "
                    + "is signed with it, and backups need its private key (--signing-key).")
    Path pinSigningKey;

    @Option(names = "--chunk-min", paramLabel = "BYTES", description = "Smallest chunk (default 512 KiB).")
    Integer chunkMin;

    @Option(names = "--chunk-avg", paramLabel = "BYTES", description = "Average chunk, a power of two (default 1 MiB).")
    Integer chunkAvg;

    @Option(names = "--chunk-max", paramLabel = "BYTES", description = "Largest chunk (default 8 MiB).")
    Integer chunkMax;

    @Option(names = "--pack-size", paramLabel = "BYTES", description = "Size a pack file is closed at (default 16 MiB).")
    Integer packSize;

    @Option(names = "--zstd-level", paramLabel = "1-19", description = "zstd compression level (default "
            + "the engine's).")
    Integer zstdLevel;

    @Override
    public Integer call() {
        Path root = repository.path();
        RepositoryParameters parameters = parameters();
        EscrowOptions.Escrow escrow = escrowOptions.escrow(hub).orElse(null);
        PassphraseKeyWrapping wrapping = passphrase.wrapping(true);
        PrintWriter out = spec.commandLine().getOut();
        Immutability immutability;
        try {
            immutability = new Immutability(retentionLock, pinSigningKey == null ? null : signingPublicKey(pinSigningKey));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--retention-lock: " + e.getMessage());
        }
        try (VaultRepository repo = VaultRepository.init(new LocalDirectoryStorage(root), wrapping, parameters,
                immutability, OpenOptions.defaults())) {
            if (escrow != null) {
                KeyRotation.add(repo, escrow.wrapping());
            }
        } catch (VaultException e) {
            throw VaultFailed.of(e, "init");
        }
        out.println("made repository " + root + " (id " + Repositories.repositoryId(root) + ")");
        out.println("  chunks " + ProgressMeter.bytes(parameters.chunking().min()) + " / "
                + ProgressMeter.bytes(parameters.chunking().avg()) + " / " + ProgressMeter.bytes(parameters.chunking().max())
                + ", packs " + ProgressMeter.bytes(parameters.packSize()) + ", zstd level " + parameters.compressionLevel());
        if (retentionLock != null) {
            out.println("  retention lock " + retentionLock + " per snapshot");
        }
        if (immutability.signingKey() != null) {
            out.println("  manifest chain signed by " + immutability.signingKey().fingerprintHex());
        }
        out.println("  key: repository passphrase (" + PassphraseKeyWrapping.ALGORITHM + ")");
        if (escrow != null) {
            escrow.describe(out);
        }
        return ExitStatus.OK.code();
    }

    private static SigningPublicKey signingPublicKey(Path file) {
        byte[] raw = KeyFiles.read(file, "signing key file");
        try {
            if (raw.length > 4 && raw[0] == 'F' && raw[1] == 'R' && raw[2] == 'S' && raw[3] == 'K') {
                return SigningKeyPair.publicKeyOf(raw); // a private key file: its public half, no passphrase needed
            }
            return SigningPublicKey.decode(KeyFiles.readEncoded(file, new byte[] {'F', 'R', 'S', 'P', 1},
                    "signing public key file"));
        } catch (VaultException e) {
            throw VaultFailed.of(e, file + " is not a signing key");
        }
    }

    private RepositoryParameters parameters() {
        RepositoryParameters d = RepositoryParameters.DEFAULT;
        ChunkerParameters c = d.chunking();
        try {
            ChunkerParameters chunking = new ChunkerParameters(chunkMin != null ? chunkMin : c.min(),
                    chunkAvg != null ? chunkAvg : c.avg(), chunkMax != null ? chunkMax : c.max());
            return new RepositoryParameters(chunking, packSize != null ? packSize : d.packSize(),
                    zstdLevel != null ? zstdLevel : d.compressionLevel());
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
    }
}
